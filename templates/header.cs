<?cs # header.cs: the top of every page: document head, skip link, brand, navigation, language switch.
   Every var: here is html-escaped (Config.VarEscapeMode = html, set in lib/tmpl.c). ?><!DOCTYPE html>
<html lang="<?cs var:Req.lang ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<?cs # the title: the page's heading, then where it sits (Page.context, e.g. a dossier's name, and the menu's
   current section) when that says something the heading does not ?>
<title><?cs if:Req.refused ?><?cs var:Lang.Common.error_prefix ?> <?cs /if ?><?cs var:Page.title ?><?cs if:Page.context ?> · <?cs var:Page.context ?><?cs /if ?><?cs if:Req.section && Req.section != Page.title ?> · <?cs var:Req.section ?><?cs /if ?> · Poortwachter</title>
<link rel="stylesheet" href="/css/portal.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<?cs if:Session.full ?><script src="/js/page.js" defer></script><?cs /if ?>
</head>
<body>
<a class="skip" href="#main"><?cs var:Lang.Common.skip ?></a>
<header class="top">
<a class="brand" href="/home">Poortwachter</a>
<?cs if:Session.full ?><?cs # the menu, once: on a wide screen the main items in a row and the groups as drop-downs;
   under 48rem the whole of it behind "Menu" (the stylesheet decides; no script needed) ?>
<details class="menu"><summary><?cs var:Lang.Menu.open ?></summary>
<nav aria-label="<?cs var:Lang.Common.nav ?>"><ul class="menu">
<?cs each:i = Menu.main ?><li><a href="<?cs var:MenuPath[name(i)] ?>"<?cs if:name(i) == Req.menu_current ?> aria-current="page"<?cs /if ?>><?cs var:i ?></a></li><?cs /each ?>
<?cs if:subcount(Menu.admin) ?><li class="group"><details class="drop"><summary><?cs var:Lang.Menu.admin ?></summary><ul><?cs each:i = Menu.admin ?><li><a href="<?cs var:MenuPath[name(i)] ?>"<?cs if:name(i) == Req.menu_current ?> aria-current="page"<?cs /if ?>><?cs var:i ?></a></li><?cs /each ?></ul></details></li><?cs /if ?>
<?cs if:subcount(Menu.vendor) ?><li class="group"><details class="drop"><summary><?cs var:Lang.Menu.vendor ?></summary><ul><?cs each:i = Menu.vendor ?><li><a href="<?cs var:MenuPath[name(i)] ?>"<?cs if:name(i) == Req.menu_current ?> aria-current="page"<?cs /if ?>><?cs var:i ?></a></li><?cs /each ?></ul></details></li><?cs /if ?>
<li class="group me"><details class="drop end"><summary><span class="who"><?cs var:Session.name ?></span> <span class="org"><?cs var:Session.org ?></span></summary><ul><?cs each:i = Menu.account ?><li><a href="<?cs var:MenuPath[name(i)] ?>"<?cs if:name(i) == Req.menu_current ?> aria-current="page"<?cs /if ?>><?cs var:i ?></a></li><?cs /each ?>
<li><form method="post" action="/account/lang"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="lang" value="<?cs var:Req.other_lang ?>"><input type="hidden" name="next" value="<?cs var:Req.here ?>"><button type="submit" class="link" lang="<?cs var:Req.other_lang ?>"><?cs var:Lang.Common.other_lang ?></button></form></li>
<li><form method="post" action="/logout"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="link"><?cs var:Lang.Common.logout ?></button></form></li></ul></details></li>
</ul></nav></details>
<?cs else ?><a class="lang" href="<?cs var:Req.other_link ?>" lang="<?cs var:Req.other_lang ?>" hreflang="<?cs var:Req.other_lang ?>"><?cs var:Lang.Common.other_lang ?></a>
<?cs /if ?></header>
<main id="main">
<?cs # a refused form: the summary of what to put right, each linking to its field (GOV.UK / NL Design System);
   in the form, field_error(name) puts the message at the field and field_invalid(name) marks it ?><?cs def:field_error(name) ?><?cs each:e = Form.errors ?><?cs if:e.field == name ?><p class="field-error" id="<?cs var:name ?>-error"><?cs var:e.message ?></p><?cs /if ?><?cs /each ?><?cs /def ?><?cs def:field_invalid(name) ?><?cs if:Form.invalid[name] ?> aria-invalid="true" aria-describedby="<?cs var:name ?>-error"<?cs /if ?><?cs /def ?>
<?cs if:subcount(Form.errors) ?><div class="error-summary" role="alert" id="error-summary"><h2><?cs var:Lang.Form.summary ?></h2><ul><?cs each:e = Form.errors ?><li><a href="#<?cs var:e.field ?>"><?cs if:e.label ?><?cs var:e.label ?>: <?cs /if ?><?cs var:e.message ?></a></li><?cs /each ?></ul></div><?cs /if ?>
<?cs if:Session.acting.org ?><div class="warning acting" id="acting" role="status"><?cs if:!Session.acting.allowed ?><?cs var:Lang.Support.acting_ended ?><?cs elif:Session.acting.bootstrap ?><?cs var:Lang.Support.acting_bootstrap ?> <strong><?cs var:Session.org ?></strong><?cs else ?><?cs var:Lang.Support.acting ?> <strong><?cs var:Session.org ?></strong>: <?cs if:Session.acting.write ?><?cs var:Lang.Support.scope_write ?><?cs else ?><?cs var:Lang.Support.scope_read ?><?cs /if ?>, <?cs var:Lang.Support.until ?> <?cs var:Session.acting.until ?> (<?cs var:Lang.Support.grant ?> #<?cs var:Session.acting.grant ?>). <?cs var:Lang.Support.acting_logged ?><?cs /if ?>
<form method="post" action="/support/desk/leave" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="link" id="leave"><?cs var:Lang.Support.leave ?> <?cs var:Session.home_org ?></button></form></div><?cs /if ?>
