<?cs # users_remove.cs: the confirmation before removing a colleague (offboarding). ?><?cs set:Page.title = Lang.Users.remove ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Users.remove ?>: <?cs var:Page.u.name ?></h1>
<p><?cs var:Lang.Users.remove_explain ?></p>
<p><strong><?cs var:Page.u.name ?></strong> (<?cs var:Page.u.email ?>)</p>
<form method="post" action="/users/<?cs var:Page.u.id ?>/remove" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<button type="submit" class="danger"><?cs var:Lang.Users.remove_confirm ?></button>
</form>
<a href="/users/<?cs var:Page.u.id ?>"><?cs var:Lang.Users.cancel ?></a>
<?cs include:"footer.cs" ?>
