<?cs # password_dead.cs: an unknown, used or expired link: one answer for all three; an invitation whose address got
   an account meanwhile says that instead (its owner holds the link). ?><?cs set:Page.title = Lang.Pw.dead_title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Pw.dead_title ?></h1>
<p class="error" role="alert"><?cs if:Page.error ?><?cs var:Page.error ?><?cs elif:Page.mode == "invite" ?><?cs var:Lang.Pw.dead_invite ?><?cs else ?><?cs var:Lang.Pw.dead_reset ?><?cs /if ?></p>
<p><a href="/password/forgot"><?cs var:Lang.Pw.forgot_link ?></a> · <a href="/login"><?cs var:Lang.Login.title ?></a></p>
<?cs include:"footer.cs" ?>
