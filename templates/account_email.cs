<?cs # account_email.cs: confirming a new e-mail address from the link sent to it (a GET changes nothing). ?><?cs set:Page.title = Lang.Account.email_confirm_title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Account.email_confirm_title ?></h1>
<?cs if:Page.t ?><p><?cs var:Lang.Account.email_confirm_intro ?> <strong><?cs var:Page.new_email ?></strong></p>
<form method="post" action="/account/email" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<input type="hidden" name="t" value="<?cs var:Page.t ?>">
<button type="submit"><?cs var:Lang.Account.email_confirm_submit ?></button>
</form><?cs else ?><p class="error" role="alert"><?cs var:Lang.Account.email_dead ?></p><?cs /if ?>
<?cs include:"footer.cs" ?>
