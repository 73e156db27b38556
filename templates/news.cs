<?cs # news.cs: announcements and release notes. Page.view: list (the notes the user may read, a topic filter,
   older ones), note (one note), subs (the topics to get by e-mail and one's roles in the organisation; part of
   Mijn account) or manage (the vendor: every note with audience and mails sent, and the form to publish). ?><?cs if:Page.view == "subs" ?><?cs set:Page.title = Lang.News.subs ?><?cs else ?><?cs set:Page.title = Lang.News.title ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs if:Page.view == "note" ?><p class="crumbs"><a href="/news"><?cs var:Lang.News.title ?></a> ›</p><?cs elif:Page.view == "subs" ?><p class="crumbs"><a href="/account"><?cs var:Lang.Account.title ?></a> ›</p><?cs /if ?>
<h1><?cs if:Page.view == "note" ?><?cs var:Page.note.title ?><?cs else ?><?cs var:Page.title ?><?cs /if ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:Page.view == "list" ?>
<form method="get" action="/news" class="filters"><label for="t"><?cs var:Lang.News.topic ?></label><select id="t" name="t"><option value=""><?cs var:Lang.News.all_topics ?></option><?cs each:t = Page.topics ?><option value="<?cs var:t.id ?>"<?cs if:t.id == Page.t ?> selected<?cs /if ?>><?cs var:t.name ?></option><?cs /each ?></select><button type="submit"><?cs var:Lang.Users.filter ?></button></form>
<p><a href="/news/subscriptions"><?cs var:Lang.News.subs ?></a></p>
<?cs if:subcount(Page.news) ?><ul class="news" id="news"><?cs each:n = Page.news ?><li id="note-<?cs var:n.id ?>"><a href="/news/<?cs var:n.id ?>"><?cs var:n.title ?></a> <span class="hint"><?cs var:n.topic ?> · <?cs var:n.when ?><?cs if:n.audience != Lang.News.everyone ?> · <?cs var:Lang.News.for ?> <?cs var:n.audience ?><?cs /if ?></span></li>
<?cs /each ?></ul><?cs else ?><p id="no-news"><?cs var:Lang.News.none ?></p><?cs /if ?>
<?cs if:Page.older ?><p><a href="<?cs var:Page.older ?>" rel="next"><?cs var:Lang.News.older ?></a></p><?cs /if ?>
<?cs elif:Page.view == "note" ?>
<p class="hint"><?cs var:Page.note.topic ?> · <?cs var:Page.note.when ?> · <?cs var:Lang.News.for ?> <?cs var:Page.note.audience ?></p>
<div class="pre" id="body"><?cs var:Page.note.body ?></div>
<?cs elif:Page.view == "subs" ?>
<form method="post" action="/news/subscriptions" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<fieldset><legend><?cs var:Lang.News.subs_topics ?></legend><?cs each:t = Page.topics ?><label class="check"><input type="checkbox" name="topic" value="<?cs var:t.id ?>"<?cs if:t.on ?> checked<?cs /if ?>> <?cs var:t.name ?></label><?cs /each ?>
<?cs if:!Page.may_read ?><p class="hint"><?cs var:Lang.News.no_right ?></p><?cs /if ?></fieldset>
<fieldset><legend><?cs var:Lang.News.subs_jobs ?></legend><?cs each:j = Page.jobs ?><label class="check"><input type="checkbox" name="job" value="<?cs var:j.id ?>"<?cs if:j.on ?> checked<?cs /if ?>> <?cs var:j.name ?></label><?cs /each ?>
<p class="hint"><?cs var:Lang.News.jobs_hint ?></p></fieldset>
<button type="submit"><?cs var:Lang.Users.save ?></button></form>
<?cs else ?>
<form method="post" action="/news" class="card" aria-labelledby="h-new"><h2 id="h-new"><?cs var:Lang.News.publish ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="topic"><?cs var:Lang.News.topic ?></label><select id="topic" name="topic"><?cs each:t = Page.topics ?><option value="<?cs var:t.id ?>"><?cs var:t.name ?></option><?cs /each ?></select>
<label for="job"><?cs var:Lang.News.audience ?></label><select id="job" name="job"><option value="0"><?cs var:Lang.News.everyone ?></option><?cs each:j = Page.jobs ?><option value="<?cs var:j.id ?>"><?cs var:Lang.News.for ?> <?cs var:j.name ?></option><?cs /each ?></select>
<label for="title"><?cs var:Lang.News.note_title ?></label><input type="text" id="title" name="title" required minlength="3" maxlength="200" value="<?cs var:Page.form.title ?>">
<label for="body"><?cs var:Lang.News.body ?></label><textarea id="body" name="body" required minlength="5" maxlength="20000" rows="8"><?cs var:Page.form.body ?></textarea>
<p class="hint"><?cs var:Lang.News.publish_hint ?></p>
<button type="submit"><?cs var:Lang.News.publish ?></button></form>
<?cs if:subcount(Page.news) ?><div class="table-wrap"><table class="list" id="news"><thead><tr><th scope="col"><?cs var:Lang.News.note_title ?></th><th scope="col"><?cs var:Lang.News.topic ?></th><th scope="col"><?cs var:Lang.News.audience ?></th><th scope="col"><?cs var:Lang.News.published ?></th><th scope="col"><?cs var:Lang.News.mailed ?></th></tr></thead>
<tbody><?cs each:n = Page.news ?><tr id="note-<?cs var:n.id ?>"><td><details><summary><?cs var:n.title ?></summary><div class="pre"><?cs var:n.body ?></div></details></td><td><?cs var:n.topic ?></td><td><?cs var:n.audience ?></td><td><?cs var:n.when ?> (<?cs var:n.by ?>)</td><td><?cs var:n.mailed ?></td></tr>
<?cs /each ?></tbody></table></div><?cs else ?><p id="no-news"><?cs var:Lang.News.none ?></p><?cs /if ?>
<?cs if:Page.older ?><p><a href="<?cs var:Page.older ?>" rel="next"><?cs var:Lang.News.older ?></a></p><?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
