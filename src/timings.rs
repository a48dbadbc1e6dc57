//! How long each stage of a build took, for `folio build --timings`.
//!
//! Stages record themselves as they run, from whichever thread runs them
//! (the EPUB and the PDF are rendered at the same time), so the collector
//! is shared like [`crate::diagnostics::Diagnostics`]. Times are wall
//! times; the report keeps the order in which the stages finished.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One timed stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stage {
    pub name: &'static str,
    pub wall: Duration,
}

/// The stages of one build, in the order they finished.
#[derive(Debug, Default)]
pub struct Timings {
    stages: Mutex<Vec<Stage>>,
}

impl Timings {
    /// Runs `f` and records its wall time as `name`.
    pub fn time<T>(&self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        self.record(name, start.elapsed());
        out
    }

    pub fn record(&self, name: &'static str, wall: Duration) {
        self.lock().push(Stage { name, wall });
    }

    pub fn snapshot(&self) -> Vec<Stage> {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Stage>> {
        // A stage that panicked left nothing half-written: a push is whole.
        self.stages.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The stages as a table for the terminal, with the whole build's wall
/// time last.
pub fn render(stages: &[Stage], total: Duration) -> String {
    let width = stages
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(0)
        .max(5);
    let mut out = String::from("timings (wall time; the EPUB and the PDF are rendered at the same time, so their stages overlap):\n");
    for stage in stages {
        out.push_str(&format!(
            "  {:width$}  {}\n",
            stage.name,
            millis(stage.wall)
        ));
    }
    out.push_str(&format!("  {:width$}  {}\n", "total", millis(total)));
    out
}

fn millis(d: Duration) -> String {
    format!("{:>9.1} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_are_kept_in_finishing_order_and_rendered_aligned() {
        let t = Timings::default();
        assert_eq!(t.time("parse", || 7), 7);
        t.record("PDF layout", Duration::from_micros(12_345));
        let stages = t.snapshot();
        assert_eq!(
            stages.iter().map(|s| s.name).collect::<Vec<_>>(),
            ["parse", "PDF layout"]
        );
        let text = render(&stages, Duration::from_millis(20));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4);
        assert_eq!(lines[2], "  PDF layout       12.3 ms");
        assert_eq!(lines[3], "  total            20.0 ms");
    }
}
