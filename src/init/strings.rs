//! The languages `folio init` writes in, and the few words of each that
//! fill the templates' `{{…}}` placeholders (title, author, rights…).

/// A language of the new book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    /// Simplified Chinese.
    #[default]
    #[value(name = "zh")]
    Zh,
    /// Traditional Chinese, as in Taiwan.
    #[value(name = "zh-Hant")]
    ZhHant,
    /// Japanese.
    #[value(name = "ja")]
    Ja,
    /// Korean.
    #[value(name = "ko")]
    Ko,
    /// English.
    #[value(name = "en")]
    En,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::Zh, Lang::ZhHant, Lang::Ja, Lang::Ko, Lang::En];

    /// The BCP 47 tag written into book.toml.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::Ja => "ja",
            Lang::Ko => "ko",
            Lang::En => "en",
        }
    }
}

/// The words of one language that fill the templates.
pub(super) struct Strings {
    lang: Lang,
    title: &'static str,
    subtitle: &'static str,
    author: &'static str,
    description: &'static str,
    /// With `{year}` for the year of the date.
    rights: &'static str,
    keywords: [&'static str; 2],
    date: String,
}

impl Strings {
    pub fn of(lang: Lang, date: &str) -> Strings {
        let (title, subtitle, author, description, rights, keywords) = match lang {
            Lang::Zh => (
                "一本新书",
                "用 folio 写成",
                "作者姓名",
                "folio init 生成的样书：两章正文，附有注释、插图和表格。",
                "版权所有 © {year} 作者姓名",
                ["样书", "folio"],
            ),
            Lang::ZhHant => (
                "一本新書",
                "用 folio 寫成",
                "作者姓名",
                "folio init 產生的樣書：兩章正文，附有註釋、插圖和表格。",
                "版權所有 © {year} 作者姓名",
                ["樣書", "folio"],
            ),
            Lang::Ja => (
                "新しい本",
                "folio で作る",
                "著者名",
                "folio init が作ったひな形の本。本文の二章に、注と図版と表が入っています。",
                "© {year} 著者名",
                ["ひな形", "folio"],
            ),
            Lang::Ko => (
                "새 책",
                "folio로 만든 책",
                "지은이 이름",
                "folio init이 만든 견본 책. 본문 두 장에 주석과 그림, 표가 들어 있습니다.",
                "© {year} 지은이 이름",
                ["견본", "folio"],
            ),
            Lang::En => (
                "A New Book",
                "Written with folio",
                "Your Name",
                "A sample book made by folio init: two chapters with notes, a figure and a table.",
                "© {year} Your Name. All rights reserved.",
                ["sample", "folio"],
            ),
        };
        Strings {
            lang,
            title,
            subtitle,
            author,
            description,
            rights,
            keywords,
            date: date.to_string(),
        }
    }

    /// `template` with every placeholder replaced. The values hold no
    /// quote or backslash, so they are valid inside TOML strings as is.
    pub fn fill(&self, template: &str) -> String {
        let year = self.date.get(..4).unwrap_or("2026");
        let keywords = self
            .keywords
            .iter()
            .map(|k| format!("\"{k}\""))
            .collect::<Vec<_>>()
            .join(", ");
        template
            .replace("{{title}}", self.title)
            .replace("{{subtitle}}", self.subtitle)
            .replace("{{author}}", self.author)
            .replace("{{language}}", self.lang.tag())
            .replace("{{description}}", self.description)
            .replace("{{rights}}", &self.rights.replace("{year}", year))
            .replace("{{keywords}}", &keywords)
            .replace("{{date}}", &self.date)
    }
}
