//! The progress indicator of a long build: a spinner with what is being
//! built and the time so far, on stderr. A build of a short book takes a
//! fraction of a second, and a spinner that flashes by is noise, so it
//! appears only once the work has run for [`DELAY`]; it is cleared before
//! anything else is printed.

use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long work runs before the indicator shows.
pub const DELAY: Duration = Duration::from_secs(1);

/// A running indicator; [`Progress::finish`] (or dropping it) clears it.
pub struct Progress {
    bar: ProgressBar,
    stop: Option<mpsc::Sender<()>>,
    waiter: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the clock; when `enabled`, the spinner shows after
    /// [`DELAY`]. Disabled, nothing is ever drawn.
    pub fn start(message: String, enabled: bool) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(message);
        if !enabled {
            return Progress {
                bar,
                stop: None,
                waiter: None,
            };
        }
        let (stop, stopped) = mpsc::channel::<()>();
        let shown = bar.clone();
        let waiter = std::thread::spawn(move || {
            if stopped.recv_timeout(DELAY) == Err(mpsc::RecvTimeoutError::Timeout) {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(100));
            }
        });
        Progress {
            bar,
            stop: Some(stop),
            waiter: Some(waiter),
        }
    }

    /// Stops and clears the indicator.
    pub fn finish(mut self) {
        self.stop_now();
    }

    fn stop_now(&mut self) {
        // Dropping the sender wakes the waiter before its delay is up.
        self.stop.take();
        if let Some(waiter) = self.waiter.take() {
            let _ = waiter.join();
        }
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.stop_now();
    }
}
