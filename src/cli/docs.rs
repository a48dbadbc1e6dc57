//! `folio completions SHELL` and `folio man`: generated from the clap
//! definition of the command line, so they never fall out of step with it.

use std::io::Write;

/// The completion script for `shell`, for the command `cmd`.
pub fn completions(shell: clap_complete::Shell, cmd: &mut clap::Command) -> Vec<u8> {
    let mut out = Vec::new();
    let name = cmd.get_name().to_string();
    clap_complete::generate(shell, cmd, name, &mut out);
    out
}

/// The man page (roff) of `cmd`, with a section per subcommand.
pub fn man_page(cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let cmd = cmd.disable_help_subcommand(true);
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(out, ".SH \"FOLIO {}\"", name.to_uppercase())?;
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            writeln!(out, "{}", escape(&about.to_string()))?;
        }
        let usage = sub.clone().bin_name(format!("folio {name}")).render_usage();
        writeln!(out, ".PP\n\\fB{}\\fR", escape(&usage.to_string().replace("Usage: ", "")))?;
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            let flag = match (arg.get_long(), arg.get_short()) {
                (Some(long), Some(short)) => format!("\\-{short}, \\-\\-{long}"),
                (Some(long), None) => format!("\\-\\-{long}"),
                (None, _) => arg.get_id().as_str().to_uppercase(),
            };
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            writeln!(out, ".TP\n\\fB{flag}\\fR\n{}", escape(&help))?;
        }
    }
    Ok(out)
}

/// Text safe in roff: a backslash as `\e`, hyphens as `\-`, a leading
/// `.` or `'` (a request) guarded, a blank line a new paragraph.
fn escape(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.trim().is_empty() {
                ".PP".to_string()
            } else if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
