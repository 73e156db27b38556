<?cs # password_forgot.cs: asking for a reset link. The answer never says whether the address is known. ?><?cs set:Page.title = Lang.Pw.forgot_title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Pw.forgot_title ?></h1>
<?cs if:Page.sent ?><p class="notice" role="status" id="forgot-sent"><?cs var:Lang.Pw.forgot_sent ?></p>
<p><a href="/login"><?cs var:Lang.Login.title ?></a></p><?cs else ?>
<p><?cs var:Lang.Pw.forgot_intro ?></p>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="/password/forgot" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="email"><?cs var:Lang.Login.email ?></label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" autofocus<?cs if:Page.error ?> aria-describedby="form-error"<?cs /if ?>>
<button type="submit"><?cs var:Lang.Pw.forgot_submit ?></button>
</form><?cs /if ?>
<?cs include:"footer.cs" ?>
