"""Reading links and forms out of rendered HTML, for assertions."""

from html.parser import HTMLParser


class PageLinks(HTMLParser):
    """Collects ``<a href>`` targets, ``data-entry`` keys, form actions and
    stylesheets."""

    def __init__(self, html: str):
        super().__init__()
        self.html = html
        self.hrefs: list[str] = []
        self.entries: dict[str, str] = {}
        self.forms: list[dict[str, str]] = []
        self.stylesheets: list[str] = []
        self.lang = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "a" and "href" in attributes:
            self.hrefs.append(attributes["href"])
            if "data-entry" in attributes:
                self.entries[attributes["data-entry"]] = attributes["href"]
        elif tag == "form":
            self.forms.append(attributes)
        elif tag == "link" and "stylesheet" in attributes.get("rel", "").split():
            self.stylesheets.append(attributes.get("href", ""))

    @property
    def internal_hrefs(self) -> set[str]:
        return {href for href in self.hrefs if href.startswith("/")}
