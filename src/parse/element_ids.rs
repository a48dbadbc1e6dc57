//! Ids of HTML elements that are not headings, bound to the nearest
//! heading ([`super::sink::FileSink::element_id`] says why).

/// One file's element ids waiting for a heading, and the last heading.
#[derive(Debug, Default)]
pub struct ElementIds {
    /// Ids that go to the next heading.
    pending: Vec<String>,
    /// The id of the file's last heading so far.
    last: Option<String>,
}

impl ElementIds {
    /// Records `name`; returns it with the heading it names now, when
    /// that is already known (an id inside a section's text).
    pub fn add(&mut self, name: &str, standalone: bool) -> Option<(String, String)> {
        let name = name.trim();
        if name.is_empty() || self.pending.iter().any(|p| p == name) {
            return None;
        }
        match (&self.last, standalone) {
            (Some(last), false) => Some((name.to_string(), last.clone())),
            _ => {
                self.pending.push(name.to_string());
                None
            }
        }
    }

    /// A heading with id `id` was made: the waiting ids name it.
    pub fn heading(&mut self, id: &str) -> Vec<String> {
        self.last = Some(id.to_string());
        std::mem::take(&mut self.pending)
    }

    /// The end of the file: ids still waiting go to its last heading.
    pub fn finish(self) -> Vec<(String, String)> {
        match self.last {
            Some(last) => self
                .pending
                .into_iter()
                .map(|name| (name, last.clone()))
                .collect(),
            None => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_to_the_next_or_the_current_heading() {
        let mut ids = ElementIds::default();
        assert_eq!(ids.add("old", true), None);
        assert_eq!(ids.heading("h-1"), ["old"]);
        assert_eq!(
            ids.add("in-text", false),
            Some(("in-text".into(), "h-1".into()))
        );
        assert_eq!(ids.add("before-next", true), None);
        assert_eq!(ids.heading("h-2"), ["before-next"]);
        assert_eq!(ids.add("at-end", true), None);
        assert_eq!(ids.finish(), [("at-end".to_string(), "h-2".to_string())]);
    }
}
