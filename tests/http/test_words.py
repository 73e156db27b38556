"""test_words.py: the words on every page, as each kind of user reads them, in Dutch and in English: no
language key left untranslated (Users.check_ok), no event code (login_ok), no "('s)"-style plural or "1 klanten",
no English in a Dutch page beyond a short list of words Dutch uses too. Text marked lang="en" (a log detail
without Dutch words) is English on purpose and skipped in Dutch pages; every detail the log holds has them.
Runs last, after the flows that write the log."""
import html
import os
import re

from test_navigation import DEMO, menu

# English words that would only be on a Dutch page by mistake
ENGLISH = {"the", "and", "with", "your", "you", "please", "changed", "added", "sent", "failed", "error", "not",
           "this", "page", "save", "cancel", "request", "colleague", "colleagues", "roles", "logged", "search"}
PLURALS = re.compile(r"\(s\)|\('s\)|\(en\)|\b1 (collega's|klanten|gebruikers|dossiers|incidenten|rollen|documenten|"
                     r"minuten|seconden|dagen|uren|organisaties|colleagues|customers|users|roles|minutes|days|hours)\b")
KEY = re.compile(r"\b[A-Z][A-Za-z]+\.[a-z][a-z0-9]*_[a-z0-9_]+\b|\b(?:Err|Lang|Page|Users|Account|Menu|Time|Event)"
                 r"\.[a-z][A-Za-z0-9_]+\b")


def visible(page, lang):
    """The text a reader sees: no head, scripts or tags; in a Dutch page, without parts marked English."""
    t = page.split("<body>", 1)[-1]
    t = re.sub(r"<script.*?</script>", " ", t, flags=re.S)
    if lang == "nl":
        t = re.sub(r'<(td|span|p|dd|li|h2|button|option|a)\b[^>]*\blang="en"[^>]*>.*?</\1>', " ", t, flags=re.S)
    t = re.sub(r"<[^>]+>", " ", t)
    return html.unescape(t)


def events(s):
    return set(s.db1("SELECT GROUP_CONCAT(DISTINCT event) FROM audit_log").split(",")) - {""}


def test_every_page_in_both_languages_reads_as_words(s):
    codes = {e for e in events(s) if "_" in e and not e.startswith("test")}
    problems = []
    for lang in ("nl", "en"):
        for who in DEMO:
            s.db("UPDATE users SET lang = '%s' WHERE email = '%s'" % (lang, who))
            c = s.login(who)
            pages = [p for p, _, _ in menu(c.get("/home").text)]
            seen = set()
            for path in pages:
                r = c.get(path)
                first = re.search(r'<table[^>]*>.*?<tbody>.*?<a href="(/[^"#?]+)"', r.text, re.S)
                for p, page in ((path, r),) + (((first.group(1), c.get(first.group(1))),) if first else ()):
                    if p in seen or page.status != 200:
                        continue
                    seen.add(p)
                    text = visible(page.text, lang)
                    # words of prose: a path, a query string or an address the page quotes is not English
                    words = set(re.findall(r"[A-Za-z']+", re.sub(r"\S*[/=@]\S*", " ", text).lower()))
                    found = [m.group(0) for m in KEY.finditer(text)]
                    found += [w for w in re.findall(r"\b[a-z0-9]+_[a-z0-9_]+\b", text) if w in codes]
                    found += [m.group(0) for m in PLURALS.finditer(text)]
                    if lang == "nl":   # (English pages hold Dutch names and texts of the users: not checked)
                        found += sorted(words & ENGLISH)
                    if found:
                        problems.append("%s %s %s: %s" % (lang, who.split("@")[0], p, sorted(set(found))[:8]))
            s.db("UPDATE users SET lang = '%s' WHERE email = '%s'" % ("en" if who.startswith("anouk@") else "nl", who))
            c.close()
    assert not problems, "\n".join(problems)


def test_every_detail_the_portal_wrote_has_dutch_words(s):
    """Each audit detail in the database matches a Dutch form in templates/lang/nl.hdf: a new detail comes
    with its words. This file runs last, so in a full run that is every detail the suite's flows wrote. Read
    like lib/audit.c reads the forms."""
    forms = {}
    for line in open(os.path.join(s.root, "templates", "lang", "nl.hdf"), encoding="utf-8"):
        m = re.match(r"AuditWords\.([a-z0-9_]+)\.\d+\.from = (.*)$", line.rstrip("\n"))
        if m:
            pat = "".join("(.+?)" if p.startswith("{") else re.escape(p) for p in re.split(r"(\{[a-z]*\})", m.group(2)))
            forms.setdefault(m.group(1), []).append(re.compile(pat + r"\Z", re.S))

    def has_words(ev, d):
        fs = forms.get(ev, [])
        return any(f.match(d) for f in fs) or all(any(f.match(p) for f in fs) for p in d.split("; "))
    rows = s.db("SELECT event, detail FROM audit_log WHERE detail <> '' AND event NOT LIKE 'test\\_%'"
                " GROUP BY event, detail")
    missing = sorted({(ev, re.sub(r"\d+", "N", d)) for ev, d in rows if not has_words(ev, d)})
    assert rows and not missing, missing[:20]
