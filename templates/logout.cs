<?cs # logout.cs: GET /logout asks; only the POST ends the session (GET never changes state). ?><?cs set:Page.title = Lang.Logout.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Logout.title ?></h1>
<form method="post" action="/logout" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<p><?cs var:Lang.Logout.question ?></p>
<button type="submit"><?cs var:Lang.Common.logout ?></button>
</form>
<?cs include:"footer.cs" ?>
