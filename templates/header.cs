<?cs # header.cs: the top of every page: document head, skip link, brand, navigation, language switch.
   Every var: here is html-escaped (Config.VarEscapeMode = html, set in lib/tmpl.c). ?><!DOCTYPE html>
<html lang="<?cs var:Req.lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs var:Page.title ?> · Poortwachter</title>
<link rel="stylesheet" href="/css/portal.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<a class="skip" href="#main"><?cs var:Lang.Common.skip ?></a>
<header class="top">
<a class="brand" href="/home">Poortwachter</a>
<?cs if:Session.full ?><nav aria-label="<?cs var:Lang.Common.nav ?>">
<a href="/home"<?cs if:Req.path == "/home" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Home.title ?></a>
<a href="/account"<?cs if:Req.section == "account" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Account.title ?></a>
<?cs if:Session.can.users ?><a href="/users"<?cs if:Req.section == "users" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Users.title ?></a><?cs /if ?>
<a href="/incidents"<?cs if:Req.section == "incidents" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Incidents.title ?></a>
<?cs if:Session.can.dossiers ?><a href="/dossiers"<?cs if:Req.section == "dossiers" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Dossiers.title ?></a><?cs /if ?>
<?cs if:Session.can.documents ?><a href="/documents"<?cs if:Req.section == "documents" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Docs.title ?></a><?cs /if ?>
<?cs if:Session.can.backoffice ?><a href="/backoffice"<?cs if:Req.section == "backoffice" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Backoffice.title ?></a><?cs /if ?>
<?cs if:Session.can.orgs ?><a href="/orgs"<?cs if:Req.section == "orgs" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Orgs.title ?></a>
<a href="/quota/orgs"<?cs if:Req.section == "quota" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Quota.title ?></a><?cs /if ?>
<?cs if:Session.can.catalogue ?><a href="/rights/catalogue"<?cs if:Req.section == "catalogue" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Catalogue.title ?></a><?cs /if ?>
<?cs if:Session.can.org ?><a href="/org"<?cs if:Req.section == "org" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Org.title ?></a><?cs /if ?>
<?cs if:Session.can.news ?><a href="/news"<?cs if:Req.section == "news" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.News.title ?></a><?cs /if ?>
<?cs if:Session.can.publish ?><a href="/news/manage"<?cs if:Req.section == "news" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.News.title ?></a><?cs /if ?>
<?cs if:Session.can.support ?><a href="/support"<?cs if:Req.section == "support" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Support.title ?></a><?cs /if ?>
<?cs if:Session.can.desk ?><a href="/support/desk"<?cs if:Req.section == "desk" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Support.desk ?></a><?cs /if ?>
<?cs if:Session.can.audit ?><a href="/audit"<?cs if:Req.section == "audit" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Audit.title ?></a><?cs /if ?>
<a href="/help"<?cs if:Req.section == "help" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Common.help ?></a>
</nav>
<div class="who"><span><?cs var:Session.name ?></span> <span class="org"><?cs var:Session.org ?></span></div>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<button type="submit" class="link"><?cs var:Lang.Common.logout ?></button>
</form>
<?cs /if ?><a class="lang" href="?lang=<?cs var:Req.other_lang ?>" lang="<?cs var:Req.other_lang ?>" hreflang="<?cs var:Req.other_lang ?>"><?cs var:Lang.Common.other_lang ?></a>
</header>
<main id="main">
<?cs if:Session.acting.org ?><div class="warning acting" id="acting" role="status"><?cs if:!Session.acting.allowed ?><?cs var:Lang.Support.acting_ended ?><?cs elif:Session.acting.bootstrap ?><?cs var:Lang.Support.acting_bootstrap ?> <strong><?cs var:Session.org ?></strong><?cs else ?><?cs var:Lang.Support.acting ?> <strong><?cs var:Session.org ?></strong>: <?cs if:Session.acting.write ?><?cs var:Lang.Support.scope_write ?><?cs else ?><?cs var:Lang.Support.scope_read ?><?cs /if ?>, <?cs var:Lang.Support.until ?> <?cs var:Session.acting.until ?> (<?cs var:Lang.Support.grant ?> #<?cs var:Session.acting.grant ?>). <?cs var:Lang.Support.acting_logged ?><?cs /if ?>
<form method="post" action="/support/desk/leave" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="link" id="leave"><?cs var:Lang.Support.leave ?> <?cs var:Session.home_org ?></button></form></div><?cs /if ?>
