#!/bin/sh
# gen.sh: the benchmark's data at scale, through the real schema (every migration, every trigger), into a
# running stack's database: `sh bench/gen.sh ROOT VAR [SCALE]`. At SCALE 1 (the default):
#   10,000 organisations named "Bench NNNNN"; the first has 10,000 colleagues, the other 990,000 are spread
#   over the rest (about 99 each); 2,000,000 role grants (Medewerker for everyone, Beheerder for the first
#   colleague of each organisation, one of four other roles for the rest); 200 dossiers with 50 documents'
#   metadata each; 1,000,000 incidents with 3,000,000 messages (one from the vendor's support desk).
# A smaller SCALE (make test uses 0.001) divides every count, the big organisation's included. Colleagues are
# active with confirmed numbers (2 % invited, 1 % disabled) and share the password of the demo user
# pieter@dehaan-assurantien.example (var/demo-logins.txt), so any of them can log in. Multi-row INSERT ...
# SELECT from MariaDB's sequence engine, one statement per table; nothing happens when the organisations are
# already there. Prints what it made and how long it took.
set -eu
ROOT=$1 VAR=$2 SCALE=${3:-1}
db() { MYSQL_PWD=$(cat "$VAR/secrets/db-root.pw") mariadb --no-defaults -S "$VAR/run/mysqld.sock" -uroot -N -B poortwachter "$@"; }
n() { awk -v s="$SCALE" -v n="$1" -v min="${2:-1}" 'BEGIN { v = int(n * s + 0.5); print v < min ? min : v }'; }
ORGS=$(n 10000 3) BIG=$(n 10000 20) USERS=$(n 1000000 300) INCIDENTS=$(n 1000000 100) DOSSIERS=$(n 200 2)
DOCS=50 MSGS=3
if [ "$(db -e "SELECT COUNT(*) FROM organisations WHERE name LIKE 'Bench %'")" -ge "$ORGS" ]; then
	echo "gen: the data is already there ($ORGS organisations)"
	exit 0
fi
start=$(date +%s)
step() {  # LABEL SQL
	t=$(date +%s)
	db -e "$2"
	echo "gen: $1 in $(($(date +%s) - t)) s"
}
# ids follow the highest existing ones, so every statement below can compute its references
o0=$(db -e "SELECT COALESCE(MAX(id), 0) FROM organisations")
u0=$(db -e "SELECT COALESCE(MAX(id), 0) FROM users")
i0=$(db -e "SELECT COALESCE(MAX(id), 0) FROM incidents")
d0=$(db -e "SELECT COALESCE(MAX(id), 0) FROM dossiers")
hash=$(db -e "SELECT password_hash FROM users WHERE email = 'pieter@dehaan-assurantien.example'")
REST=$((ORGS - 1))
# the organisation of colleague k (1..USERS): the first BIG in the big one, then round robin over the rest
ORG_OF="IF(k <= $BIG, $o0 + 1, $o0 + 2 + (k - $BIG - 1) MOD $REST)"

step "$ORGS organisations" "INSERT INTO organisations (id, kind, name, size_class, created_at)
  SELECT $o0 + seq, 'customer', CONCAT('Bench ', LPAD(seq, 5, '0')), IF(seq = 1, 4, 1 + seq MOD 3), 1
  FROM seq_1_to_$ORGS"

# the role sets whose roles the colleagues below hold (sql/023): the intermediary's, the customer portal's and the
# back office's (from the sequence: the trigger that keeps organisations.set_ids writes to that table)
step "$((ORGS * 3)) role sets" "INSERT INTO org_role_sets (org_id, set_id, enabled_at)
  SELECT $o0 + seq, s.id, 1 FROM seq_1_to_$ORGS JOIN role_sets s ON s.skey IN ('aip', 'afas', 'backoffice')"

step "$USERS colleagues" "INSERT INTO users (id, org_id, email, given_name, name_prefix, family_name, mobile,
  mobile_verified_at, password_hash, status, lang, created_at, last_login_at)
  SELECT $u0 + k, $ORG_OF, CONCAT('c', k, '@bench', $ORG_OF - $o0, '.example'),
   ELT(1 + k MOD 12, 'Anna', 'Bram', 'Chantal', 'Daan', 'Eva', 'Fatima', 'Gijs', 'Hanna', 'Ilse', 'Jeroen',
    'Karim', 'Lotte'),
   ELT(1 + k MOD 7, '', '', '', 'van', 'de', 'van der', 'van den'),
   CONCAT(ELT(1 + (k DIV 12) MOD 16, 'Jansen', 'Bakker', 'Visser', 'Smit', 'Meijer', 'Mulder', 'Bos', 'Vos',
    'Peters', 'Hendriks', 'Dekker', 'Brouwer', 'Berg', 'Dijk', 'Willems', 'Kok'), ' ', k),
   CONCAT('+316', LPAD(k MOD 100000000, 8, '0')), IF(k MOD 50 = 0, NULL, 1), '$hash',
   IF(k MOD 50 = 0, 'invited', IF(k MOD 100 = 1 AND k > $BIG + $REST, 'disabled', 'active')), 'nl', 1,
   IF(k MOD 50 = 0, NULL, 100000 + k MOD 86400)
  FROM (SELECT seq AS k FROM seq_1_to_$USERS) s"

# the first colleague of an organisation is its admin; everybody has Medewerker and one more role
# (from the sequence, not from users: the triggers that keep users.role_ids write to that table)
step "$((USERS * 2)) role grants" "INSERT INTO user_roles (user_id, role_id, granted_at)
  SELECT $u0 + k, r.id, 1 FROM (SELECT seq AS k FROM seq_1_to_$USERS) s JOIN (SELECT 1 AS n UNION ALL SELECT 2) x
  JOIN roles r ON r.rkey = IF(x.n = 1, 'medewerker', IF(k = 1 OR (k > $BIG AND k <= $BIG + $REST), 'beheerder',
   ELT(1 + k MOD 4, 'incidentenbeheer', 'klantbeeld', 'relations_view', 'financiele_documenten')))"

step "$DOSSIERS dossiers, $((DOSSIERS * DOCS)) documents" "
  INSERT INTO dossiers (id, org_id, name, modules, responsible_id, created_at)
   SELECT $d0 + seq, $o0 + 1 + (seq - 1) MOD LEAST(100, $ORGS), CONCAT('Bench dossier ', seq), 'documents,archive,reports,payments',
    $u0 + IF((seq - 1) MOD LEAST(100, $ORGS) = 0, 1, $BIG + (seq - 1) MOD LEAST(100, $ORGS)), 1 FROM seq_1_to_$DOSSIERS;
  INSERT INTO documents (dossier_id, org_id, uploader_id, filename, stored_name, content_type, size, sha256, status,
    created_at)
   SELECT d.id, d.org_id, d.responsible_id, CONCAT('factuur-', s.seq, '.pdf'), MD5(CONCAT('bench', d.id, '-', s.seq)),
    'application/pdf', 20000 + s.seq, UNHEX(SHA2(CONCAT(d.id, '-', s.seq), 256)), IF(s.seq MOD 3 = 0, 'processed', 'inbox'),
    1000 + s.seq FROM dossiers d JOIN seq_1_to_$DOCS s WHERE d.id > $d0"

# incident k belongs to organisation 1 + k MOD ORGS and was sent by one of its first five colleagues
step "$INCIDENTS incidents" "INSERT INTO incidents (id, org_id, submitter_id, title, body, category, priority, status,
  handler_id, form_token, created_at, updated_at)
  SELECT $i0 + k, $o0 + 1 + k MOD $ORGS,
   $u0 + IF(k MOD $ORGS = 0, 1 + k MOD $BIG, $BIG + (k MOD $ORGS) + $REST * (k MOD 5)),
   CONCAT(ELT(1 + k MOD 8, 'Inloggen lukt niet', 'Factuur klopt niet', 'Vraag over rechten', 'Export geeft fout',
    'Sms-code komt niet aan', 'Wens: donkere modus', 'Rapport is leeg', 'Koppeling met bank'), ' (', k, ')'),
   CONCAT('Omschrijving van melding ', k, '. Sinds vanochtend zien wij dit bij meerdere collega''s.'),
   ELT(1 + k MOD 4, 'question', 'error', 'wish', 'other'), ELT(1 + k MOD 4, 'low', 'normal', 'high', 'urgent'),
   ELT(1 + k MOD 20, 'new', 'open', 'open', 'waiting', 'waiting', 'resolved', 'resolved', 'resolved', 'resolved',
    'resolved', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed', 'closed'),
   IF(k MOD 20 = 0, NULL, 2), MD5(CONCAT('bench-incident-', k)), 1000000 + k * 30, 1000000 + k * 30 + (k MOD 1000) * 60
  FROM (SELECT seq AS k FROM seq_1_to_$INCIDENTS) s"

step "$((INCIDENTS * MSGS)) messages" "INSERT INTO incident_messages (incident_id, author_id, from_vendor, body, created_at)
  SELECT i.id, IF(s.seq = 2, 2, i.submitter_id), s.seq = 2,
   CONCAT(ELT(s.seq, 'Eerste bericht', 'Antwoord van support', 'Aanvulling'), ' bij melding ', i.id, '.'),
   i.created_at + s.seq * 60 FROM incidents i JOIN seq_1_to_$MSGS s WHERE i.id > $i0"

db -e "ANALYZE TABLE organisations, users, user_roles, dossiers, documents, incidents, incident_messages" >/dev/null
echo "gen: done in $(($(date +%s) - start)) s"
