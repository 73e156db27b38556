<?cs # people_search.cs: the search that narrows the colleague pickers of the dossier forms below it, shown when
   the organisation has more colleagues than a picker lists (Page.people_more) or a search is on (Page.who).
   A GET form of its own on Page.pick_action, set by the including template, which may also say in
   Page.pick_more_text what the list holds when it holds only the first 200, and in Page.pick_none_text what a
   search that found no one looked for. ?><?cs if:Page.people_more || Page.who ?>
<form method="get" action="<?cs var:Page.pick_action ?>" class="filters" id="people-search"><label for="who"><?cs var:Lang.Dossiers.pick_search ?></label>
<input type="search" id="who" name="who" maxlength="100" value="<?cs var:Page.who ?>"><button type="submit"><?cs var:Lang.Users.filter ?></button>
<?cs if:Page.who ?> <a href="<?cs var:Page.pick_action ?>"><?cs var:Lang.Dossiers.pick_all ?></a><?cs /if ?></form>
<?cs if:Page.people_more ?><p class="hint" id="people-more"><?cs if:Page.pick_more_text ?><?cs var:Page.pick_more_text ?><?cs else ?><?cs var:Lang.Dossiers.pick_more ?><?cs /if ?></p><?cs elif:Page.who && !subcount(Page.people) ?><p class="hint" id="people-none"><?cs if:Page.pick_none_text ?><?cs var:Page.pick_none_text ?><?cs else ?><?cs var:Lang.Dossiers.pick_none ?><?cs /if ?></p><?cs /if ?>
<?cs /if ?>
