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

/// The man page (roff) of `cmd`: clap_mangen's page, then a section per
/// subcommand with its options, so that one page says everything.
/// `.TH` comes first (clap_mangen puts a string definition before it,
/// which some man-page tools do not expect), and the SUBCOMMANDS list
/// names `folio build` rather than `folio-build(1)`, a page there is not.
pub fn man_page(cmd: clap::Command) -> std::io::Result<Vec<u8>> {
    let mut page = Vec::new();
    let mut cmd = cmd.disable_help_subcommand(true);
    // Fills in what the derive left implicit (how many values each
    // option takes).
    cmd.build();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    let mut page = String::from_utf8_lossy(&page).into_owned();
    if let Some(start) = page.find("\n.TH ") {
        let end = page[start + 1..]
            .find('\n')
            .map_or(page.len(), |e| start + 2 + e);
        let th = page[start + 1..end].to_string();
        page.replace_range(start + 1..end, "");
        page.insert_str(0, &th);
    }
    let mut out = Vec::new();
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        page = page.replace(&format!("folio\\-{name}(1)"), &format!("folio {name}"));
    }
    out.extend_from_slice(page.as_bytes());
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = sub.get_name();
        writeln!(out, ".SH \"FOLIO {}\"", name.to_uppercase())?;
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            writeln!(out, "{}", escape(&about.to_string()))?;
        }
        let usage = sub.clone().bin_name(format!("folio {name}")).render_usage();
        writeln!(
            out,
            ".PP\n\\fB{}\\fR",
            escape(&usage.to_string().replace("Usage: ", ""))
        )?;
        // The global options and --help are on the main page already.
        let own = |a: &&clap::Arg| {
            !a.is_hide_set()
                && !a.is_global_set()
                && !matches!(a.get_id().as_str(), "help" | "version")
        };
        for arg in sub.get_arguments().filter(own) {
            let flag = match (arg.get_long(), arg.get_short()) {
                (Some(long), Some(short)) => format!("\\-{short}, \\-\\-{long}"),
                (Some(long), None) => format!("\\-\\-{long}"),
                (None, _) => arg.get_id().as_str().to_uppercase(),
            };
            let takes_value = arg.get_num_args().is_some_and(|n| n.takes_values());
            let flag = match arg.get_value_names() {
                Some([value, ..]) if takes_value && arg.get_long().is_some() => {
                    format!("{flag} \\fI{value}\\fR")
                }
                _ if takes_value && arg.get_long().is_some() => {
                    format!("{flag} \\fI{}\\fR", arg.get_id().as_str().to_uppercase())
                }
                _ => flag,
            };
            let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            let values: Vec<String> = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            if !values.is_empty() {
                help.push_str(&format!(" (one of: {})", values.join(", ")));
            }
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
