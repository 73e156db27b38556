"""test_home.py: Mijn portaal is the user's start: what waits for them, each with a count and a link that opens
the list it counts (incidents waiting for their answer, or their organisation's; new incidents in the vendor's
queue; documents waiting for their approval; the organisation's active support grant, and the customers'
grants for the vendor; the holiday checklist for admins), and only what is theirs: another organisation's
incidents never count. A count stops at 99+ (the page costs the same whatever the organisation's size)."""
import re

from portaltest import upload
from test_incidents import submit
from test_support import admin_with_app, grant

JOOST = "joost@bakkerij-vandenberg.example"     # 9: submits incidents (1 waits for him in the demo)
MARIEKE = "marieke@bakkerij-vandenberg.example" # 8: Beheerder of org 3: all its incidents
PIETER = "pieter@dehaan-assurantien.example"    # Beheerder of org 2
ZOE = "zoe@dehaan-assurantien.example"          # Medewerker: nothing to do
AHMED = "ahmed.elamrani@poortwachter.example"   # vendor support
INGRID = "ingrid@hetanker.example"              # Beheerder of org 5
LOTTE = "lotte@hetanker.example"                # Document processing in dossier 1
RENEE = "renee@hetanker.example"                # Document Delivery in dossier 1 (id 21)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def todo(c):
    """The "Wat op u wacht" card: {id: (text, link)}, or {} when it says nothing waits."""
    page = c.get("/home")
    assert page.status == 200, page
    card = page.text.split('<section class="card todo"')[1].split("</section>")[0]
    if 'id="todo-none"' in card:
        assert "Er wacht nu niets op u." in card
        return {}
    out = {}
    for li in re.findall(r'<li id="([a-z-]+)">(.*?)</li>', card, re.S):
        link = re.search(r'<a href="([^"]+)"', li[1])
        out[li[0]] = (re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", li[1])).strip(), link and link.group(1))
    return out


def test_incidents_waiting_for_an_answer(s):
    j = s.login(JOOST)
    t = todo(j)
    assert t["todo-waiting"] == ("1 incident wacht op uw antwoord", "/incidents?status=waiting"), t
    listed = j.get("/incidents?status=waiting").text
    assert "Loonstrook geeft een foutmelding" in listed and "Vraag over de jaarafsluiting" not in listed
    m = todo(s.login(MARIEKE))
    assert m["todo-waiting"][0] == "1 incident van uw organisatie wacht op een antwoord aan support", m
    # support asks Joost something on his second incident: two now, in the plural
    a = s.login(AHMED)
    page = a.get("/incidents/2")
    r = a.post("/incidents/2/reply", {"csrf": page.csrf(), "body": "Welk boekjaar bedoelt u?", "status": "waiting",
                                      "once": re.search(r'name="once" value="(\d+)"', page.text).group(1)})
    assert r.status == 303, r
    assert todo(j)["todo-waiting"][0] == "2 incidenten wachten op uw antwoord"
    # his answer takes it off the list
    jp = j.get("/incidents/2")
    assert j.post("/incidents/2/reply", {"csrf": jp.csrf(), "body": "Boekjaar 2026"}).status == 303
    assert todo(j)["todo-waiting"][0] == "1 incident wacht op uw antwoord"
    # another organisation's waiting incidents are not Pieter's; a Medewerker without incidents has nothing
    assert "todo-waiting" not in todo(s.login(PIETER))
    assert todo(s.login(ZOE)) == {}
    # a count stops at 99+: the page reads at most 100 rows whatever the organisation has
    s.db("INSERT INTO incidents (org_id, submitter_id, title, body, status, form_token, created_at, updated_at)"
         " SELECT 3, 9, 'Oud', 'Tekst', 'waiting', LPAD(seq, 32, 'h'), 0, 0 FROM seq_1_to_150")
    assert todo(j)["todo-waiting"][0] == "99+ incidenten wachten op uw antwoord"


def test_new_incidents_in_the_vendors_queue(s):
    a = s.login(AHMED)
    new = int(s.db1("SELECT COUNT(*) FROM incidents WHERE status = 'new'"))
    t = todo(a)
    assert t["todo-queue"] == ("%d %s" % (new, "nieuw incident in de wachtrij" if new == 1 else
                                          "nieuwe incidenten in de wachtrij"), "/incidents/queue?status=new"), t
    r, _ = submit(s.login(JOOST), title="Scanner doet het niet")
    assert r.status == 303, r
    assert todo(a)["todo-queue"][0].startswith("%d nieuwe incidenten" % (new + 1))
    queue = a.get("/incidents/queue?status=new").text
    assert "Scanner doet het niet" in queue


def test_documents_waiting_for_approval(s):
    lo = s.login(LOTTE)
    assert upload(lo, "/dossiers/1/documents", "factuur-bakker.pdf", PDF, csrf_from="/dossiers/1/documents").status == 303
    doc = s.db1("SELECT id FROM documents WHERE filename = 'factuur-bakker.pdf'")
    r_ = s.login(RENEE)
    assert "todo-approve" not in todo(r_)
    lp = lo.get("/dossiers/1/documents")
    assert lo.post("/dossiers/1/forward", {"csrf": lp.csrf(), "doc": doc, "to": "21"}).status == 303
    t = todo(r_)
    assert t["todo-approve"] == ("1 document wacht op uw goedkeuring", "/dossiers/1/documents"), t
    page = r_.get("/dossiers/1/documents")
    assert "factuur-bakker.pdf" in page.text
    assert r_.post("/dossiers/1/approve", {"csrf": page.csrf(), "doc": doc}).status == 303
    assert "todo-approve" not in todo(r_)
    assert "todo-approve" not in todo(lo), "forwarded to Renée, not waiting for Lotte"


def test_an_active_grant_and_the_checklist_for_admins(s):
    i = admin_with_app(s)
    a = s.login(AHMED)
    assert "todo-grant" not in todo(i) and "todo-grants" not in todo(a)
    g = grant(s, i, INGRID, "read", 2)
    t = todo(i)
    assert t["todo-grant"][1] == "/support", t
    assert re.fullmatch(r"Support heeft toegang tot de gegevens van uw organisatie tot \d{1,2} \w+ \d{4} \d\d:\d\d\. "
                        r"Bekijken of intrekken", t["todo-grant"][0]), t
    assert todo(a)["todo-grants"] == ("1 klant geeft support nu toegang", "/support/desk")
    assert "todo-grant" not in todo(s.login(PIETER)), "Het Anker's grant is not De Haan's"
    page = i.get("/support/grants/%d" % g)
    assert re.search(r"leestoegang voor 2 uur, tot \d{1,2} [a-z]+ \d{4} \d\d:\d\d</td>", page.text), \
        "the grant's log in words, its end a Dutch date"
    assert '<dt>Duur</dt><dd id="hours">2 uur</dd>' in page.text
    assert i.post("/support/grants/%d/revoke" % g, {"csrf": page.csrf()}).status == 303
    assert "todo-grant" not in todo(i) and "todo-grants" not in todo(a)
    # a grant that runs out leaves the page at its end, with nothing written to the database
    g1 = grant(s, i, INGRID, "read", 1)
    assert "todo-grant" in todo(i)
    s.db("UPDATE users SET lang = 'en' WHERE email = '%s'" % INGRID)   # one hour, in the singular
    assert ", 1 hour</td>" in i.get("/support").text and "1 hour</dd>" in i.get("/support/grants/%d" % g1).text
    s.db("UPDATE users SET lang = 'nl' WHERE email = '%s'" % INGRID)
    s.advance(3601)   # the sessions' idle time is over too: in again
    i, a = s.login(INGRID), s.login(AHMED)
    assert "todo-grant" not in todo(i) and "todo-grants" not in todo(a)
    # the holiday checklist's open points, with their links, for an admin only
    before = todo(i)
    assert "check-invited" not in before, before
    page = i.get("/users/new")
    r = i.post("/users/new", {"csrf": page.csrf(), "given_name": "Nina", "family_name": "Smit",
                              "email": "nina@hetanker.example", "mobile": "+31612345678", "lang": "nl"})
    assert r.status == 303, r
    t = todo(i)
    assert t["check-invited"] == ("1 collega heeft de uitnodiging nog niet geaccepteerd en heeft dus nog geen eigen"
                                  " account.", "/users?status=invited"), t
    assert "check-invited" not in todo(s.login(LOTTE)), "the checklist is for admins"


def test_home_in_english(s):
    j = s.login(JOOST)
    s.db("UPDATE users SET lang = 'en' WHERE id = 9")
    assert todo_en(j) == "1 incident is waiting for your answer"


def todo_en(c):
    card = c.get("/home").text.split('<section class="card todo"')[1].split("</section>")[0]
    assert "Waiting for you" in card
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.search(r'<li id="todo-waiting">(.*?)</li>', card).group(1))).strip()
