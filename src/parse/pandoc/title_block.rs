//! The `%` title block at the top of a file: `% Title`, `% Author; Author`,
//! `% Date`, each line optional (a lone `%`), continued by lines starting
//! with a space.

/// What a title block says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TitleBlock {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub date: Option<String>,
}

/// The title block starting at `lines[0]`, if there is one, and the lines
/// it takes.
pub fn read(lines: &[&str]) -> Option<(TitleBlock, usize)> {
    if !lines.first()?.starts_with('%') {
        return None;
    }
    let mut fields: Vec<Vec<String>> = Vec::new();
    let mut used = 0;
    for line in lines {
        if let Some(rest) = line.strip_prefix('%') {
            if fields.len() == 3 {
                break;
            }
            fields.push(vec![rest.trim().to_string()]);
        } else if line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            match fields.last_mut() {
                Some(field) => field.push(line.trim().to_string()),
                None => break,
            }
        } else {
            break;
        }
        used += 1;
    }
    let join = |parts: &Vec<String>| {
        let text = parts
            .iter()
            .filter(|p| !p.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        (!text.is_empty()).then_some(text)
    };
    let block = TitleBlock {
        title: fields.first().and_then(join),
        authors: fields
            .get(1)
            .map(|parts| {
                parts
                    .iter()
                    .flat_map(|p| p.split(';'))
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect()
            })
            .unwrap_or_default(),
        date: fields.get(2).and_then(join),
    };
    Some((block, used))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manuals_examples() {
        let lines = [
            "% My title",
            "% John Doe; Jane Doe",
            "% June 15, 2006",
            "",
            "text",
        ];
        let (block, used) = read(&lines).unwrap();
        assert_eq!(used, 3);
        assert_eq!(block.title.as_deref(), Some("My title"));
        assert_eq!(block.authors, ["John Doe", "Jane Doe"]);
        assert_eq!(block.date.as_deref(), Some("June 15, 2006"));

        let lines = ["%", "% Author", "", "text"];
        let (block, _) = read(&lines).unwrap();
        assert_eq!(block.title, None);
        assert_eq!(block.authors, ["Author"]);

        let lines = [
            "% My title",
            "  on two lines",
            "% Author One",
            "  Author Two",
            "",
        ];
        let (block, used) = read(&lines).unwrap();
        assert_eq!(used, 4);
        assert_eq!(block.title.as_deref(), Some("My title on two lines"));
        assert_eq!(block.authors, ["Author One", "Author Two"]);
        assert!(read(&["text", "% not"]).is_none());
    }
}
