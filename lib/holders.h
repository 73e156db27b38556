/* holders.h: SQL fragments for the colleagues of an organisation who hold a right through a role, shared by
 * the statements of the library and of the programs that count or list them (text only, no input). */
#ifndef PORTAL_HOLDERS_H
#define PORTAL_HOLDERS_H

/* The colleagues of organisation ORG who hold a right through a role: from the right to its roles to their
 * grants in the organisation (user_roles (org_id, role_id, user_id)) to the users, in that order: left to
 * itself, the planner would read every user of the organisation to find its two admins. Every count or list
 * of an organisation's admins, submitters or contact persons goes through it. */
#define SQL_HOLDERS(RKEY, ORG)                                                                                 \
	" rights ri JOIN role_rights rr ON rr.right_id = ri.id STRAIGHT_JOIN user_roles ur ON ur.org_id = " ORG   \
	" AND ur.role_id = rr.role_id STRAIGHT_JOIN users u ON u.id = ur.user_id WHERE ri.rkey = '" RKEY "'"      \
	" AND u.org_id = " ORG
#define SQL_SUBMITTERS(ORG) SQL_HOLDERS("incidents.submit", ORG) " AND u.status IN ('active', 'invited') AND u.certified_expert = 0"
#define SQL_ADMINS(ORG) SQL_HOLDERS("users.manage", ORG) " AND u.status = 'active'"
/* The vendor's lists of customers (/orgs, /quota/orgs) take an organisation's admins and submitters from
 * org_counts while its users_version and the catalogue's version are those they were counted at (sql/020), else
 * count them (IF evaluates only the branch it takes). SQL_COUNTS_TAIL adds the columns that tell the program which
 * rows it counted, to store them (portal_org_page_next). */
#define SQL_COUNTS_FRESH " (oc.users_version <=> o.users_version AND oc.cat_version <=> cm.version)"
#define SQL_COUNTED(COL, WHO) " IF(" SQL_COUNTS_FRESH ", oc." COL ", (SELECT COUNT(DISTINCT u.id) FROM" WHO "))"
#define SQL_COUNTS_TAIL "," SQL_COUNTS_FRESH ", o.users_version, cm.version"
#define SQL_COUNTS_FROM                                                                                        \
	" FROM organisations o JOIN catalogue_meta cm ON cm.id = 1 LEFT JOIN org_counts oc ON oc.org_id = o.id"
#define SQL_COUNT_NOW(WHO) "(SELECT COUNT(DISTINCT u.id) FROM" WHO ")"

/* A customer's quota as the vendor's quota page and the nightly count read it: id, name, size class, override,
 * maximum, then SUBMITTERS_N (the counted submitters), the over-quota flag, MORE columns, FROM. */
#define SQL_QUOTA_ORG_COLS(SUBMITTERS_N, MORE, FROM)                                                           \
	"SELECT o.id, o.name, o.size_class, o.quota_override, COALESCE(o.quota_override, qc.max_submitters, 0),"  \
	" " SUBMITTERS_N ", o.over_quota_since" MORE FROM                                                       \
	" LEFT JOIN quota_classes qc ON qc.size_class = o.size_class WHERE o.kind = 'customer'"

#endif
