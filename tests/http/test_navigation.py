"""test_navigation.py: the header's menu shows each user exactly the pages they can open, grouped (main items,
"Beheer", the vendor's own, the account); page titles say the page and its section; the language switch keeps
the page and its filters and, logged in, is saved with the profile."""
import re

DEMO = ["pieter@dehaan-assurantien.example", "marieke@bakkerij-vandenberg.example",
        "willem.kok@zeeuwse-onderlinge.example", "ingrid@hetanker.example", "fleur@dehaan-assurantien.example",
        "zoe@dehaan-assurantien.example", "joost@bakkerij-vandenberg.example", "anouk@bakkerij-vandenberg.example",
        "sophie.meijer@zeeuwse-onderlinge.example", "bram@hetanker.example", "renee@hetanker.example",
        "sanne.devries@poortwachter.example", "ahmed.elamrani@poortwachter.example"]


def menu(text):
    """The menu's links, as (path, label, group)."""
    nav = text.split('<details class="menu">')[1].split("</nav>")[0].split("<ul", 1)[1]
    out, group = [], "main"
    for part in re.split(r"(<summary>.*?</summary>)", nav):
        m = re.match(r"<summary>(.*?)</summary>", part)
        if m:
            group = "account" if "who" in m.group(1) else m.group(1)
            continue
        out += [(p, l, group) for p, l in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', part)]
    return out


def test_every_link_in_the_menu_opens_for_its_user(s):
    """Show only links the user can use: for each demo user, every item answers 200 (a Medewerker without
    Incidentenbeheer got "Incidenten" and a 403)."""
    for who in DEMO:
        c = s.login(who)
        home = c.get("/home")
        links = menu(home.text)
        assert [p for p, _, g in links if g == "account"] == ["/account", "/help"], (who, links)
        for path, label, group in links:
            r = c.get(path)
            assert r.status == 200, "%s: %s (%s) answers %r" % (who, path, label, r)
        c.close()


def test_the_menu_is_grouped_and_says_things_once(s):
    zoe = menu(s.login("zoe@dehaan-assurantien.example").get("/home").text)
    assert [p for p, _, g in zoe if g == "main"] == ["/home", "/news"], zoe   # no incidents, no dossiers
    assert not [1 for _, _, g in zoe if g == "Beheer"], "a Medewerker administers nothing"
    pieter = menu(s.login("pieter@dehaan-assurantien.example").get("/home").text)
    beheer = [p for p, _, g in pieter if g == "Beheer"]
    assert beheer == ["/users", "/rights", "/audit", "/org", "/support"], beheer
    assert "/dossiers" not in [p for p, _, _ in pieter], "De Haan works without dossiers"
    assert "/dossiers" in [p for p, _, _ in menu(s.login("ingrid@hetanker.example").get("/home").text)]
    ahmed = menu(s.login("ahmed.elamrani@poortwachter.example").get("/home").text)
    assert ("/incidents/queue", "Supportwachtrij", "main") in ahmed and "/incidents" not in [p for p, _, _ in ahmed]
    sanne = menu(s.login("sanne.devries@poortwachter.example").get("/home").text)
    assert [p for p, _, g in sanne if g == "Leverancier"] == ["/orgs", "/quota/orgs", "/rights/catalogue",
                                                              "/news/manage"], sanne


def test_the_menu_is_in_the_page_once_and_works_without_a_script(s):
    t = s.login("marieke@bakkerij-vandenberg.example").get("/users/9").text
    assert t.count("<nav") == 1 and t.count('<details class="menu">') == 1 and "<summary>Menu</summary>" in t
    assert t.count('aria-current="page"') == 1 and '<a href="/users" aria-current="page">' in t, "the longest path"
    t = s.login("ahmed.elamrani@poortwachter.example").get("/incidents/queue?status=waiting").text
    assert '<a href="/incidents/queue" aria-current="page">' in t


def test_titles_say_the_page_and_where_it_is(s):
    def title(r):
        return re.search(r"<title>(.*?)</title>", r.text, re.S).group(1).replace("&#39;", "'")
    i = s.login("ingrid@hetanker.example")
    assert title(i.get("/dossiers/1/documents")).startswith("Documenten · Brasserie Het Anker BV")
    assert title(i.get("/dossiers/1")).startswith("Overzicht · ")
    assert title(i.get("/dossiers/1/settings")) != title(i.get("/dossiers/1/documents"))
    j = s.login("joost@bakkerij-vandenberg.example")
    assert title(j.get("/incidents/new")).startswith("Incident insturen · Incidenten")
    assert title(j.get("/incidents/2")).startswith("#2 ")
    m = s.login("marieke@bakkerij-vandenberg.example")
    assert title(m.get("/users")) == "Gebruikersbeheer · Collega's · Poortwachter"
    assert title(m.get("/rights")).startswith("Rollen en rechten · Poortwachter")


def test_the_language_switch_keeps_the_page_and_is_saved(s):
    c = s.client()
    r = c.get("/password/forgot?next=/users")
    assert 'href="/password/forgot?next=/users&amp;lang=en"' in r.text, "the query kept"
    m = s.login("marieke@bakkerij-vandenberg.example")
    page = m.get("/users?status=active&q=a")
    assert '<input type="hidden" name="next" value="/users?status=active&amp;q=a">' in page.text
    r = m.post("/account/lang", {"csrf": page.csrf(), "lang": "en", "next": "/users?status=active&q=a"})
    assert r.status == 303 and r.location == "/users?status=active&q=a", r
    assert s.db1("SELECT lang FROM users WHERE email = 'marieke@bakkerij-vandenberg.example'") == "en"
    assert "Colleagues" in m.get(r.location).text and 'lang="en"' in m.get("/home").text, "every next page"
    assert m.post("/account/lang", {"csrf": page.csrf(), "lang": "de", "next": "/home"}).status == 422
    assert m.post("/account/lang", {"csrf": page.csrf(), "lang": "nl", "next": "https://evil.example/"}).status == 422
    r = m.post("/account/lang", {"csrf": page.csrf(), "lang": "nl", "next": "/home"})
    assert r.status == 303 and s.db1("SELECT lang FROM users WHERE email = 'marieke@bakkerij-vandenberg.example'") == "nl"


CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"


def test_sessions_in_words_and_only_real_ones(s):
    """Mijn account and a colleague's page: "Chrome op Linux", "laatst actief 5 minuten geleden", "deze
    sessie"; a session still waiting for its SMS code is no session yet."""
    joost = "joost@bakkerij-vandenberg.example"
    c = s.login(joost, client=s.client(headers={"User-Agent": CHROME}))
    s.login_password(joost)   # a second login, stopped at the code
    m = s.login("marieke@bakkerij-vandenberg.example")
    s.advance(5 * 60)
    page = m.get("/users/9").text
    part = page.split('id="u-sessions"')[1].split("</ul>")[0]
    assert "Chrome op Linux · laatst actief 5 minuten geleden" in part, part
    assert part.count("<li>") == 1, "the half-logged-in session is none"
    r = c.get("/account/sessions")
    sessions = r.text.split('id="h-sessions"')[1].split("</section>")[0]
    assert "Chrome op Linux" in sessions and "deze sessie" in sessions and "zojuist" in sessions, sessions
    assert sessions.count("<tr") == 2, "the header row and this session; not the half-logged-in one"


def test_the_footer_speaks_the_pages_language(s):
    anouk = s.login("anouk@bakkerij-vandenberg.example")   # English
    assert "Mon–Fri 8:30–17:00" in anouk.get("/home").text and "ma–vr" not in anouk.get("/home").text
    assert "ma–vr 8.30–17.00" in s.login("joost@bakkerij-vandenberg.example").get("/home").text
