<?cs # rights_role.cs: one role: the rights it gives and who in the organisation holds it. ?><?cs set:Page.title = Page.role.name ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Rights.role ?>: <?cs var:Page.role.name ?></h1>
<?cs if:Page.role.quota ?><p><a href="/quota" class="quota-link"><?cs var:Lang.Rights.quota_link ?></a></p><?cs /if ?>
<section class="card" aria-labelledby="h-gives"><h2 id="h-gives"><?cs var:Lang.Rights.gives ?></h2>
<ul><?cs each:x = Page.role.rights ?><li><?cs var:x ?></li><?cs /each ?></ul></section>
<section class="card" aria-labelledby="h-holders"><h2 id="h-holders"><?cs var:Lang.Rights.holders ?></h2>
<?cs if:subcount(Page.holders) ?><p id="holder-count"><?cs var:Page.role.holders ?> <?cs if:Page.role.holders == 1 ?><?cs var:Lang.Rights.n_holders_one ?><?cs else ?><?cs var:Lang.Rights.n_holders ?><?cs /if ?> <a href="/users?role=<?cs var:Page.role.id ?>"><?cs var:Lang.Rights.holders_search ?></a></p>
<ul id="holders"><?cs each:u = Page.holders ?><li><a href="/rights/users/<?cs var:u.id ?>"><?cs var:u.name ?></a> (<?cs var:u.email ?>, <?cs var:u.status ?>)</li><?cs /each ?></ul>
<?cs include:"keyset_pages.cs" ?>
<?cs else ?><p><?cs var:Lang.Rights.no_holders ?></p><?cs /if ?></section>
<p><a href="/rights"><?cs var:Lang.Rights.all_roles ?></a></p>
<?cs include:"footer.cs" ?>
