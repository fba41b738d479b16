"""The SQLite store: idempotent writes, WAL, schema versions, search."""

import sqlite3

import pytest

from chorus.model import Article, Event, article_id
from chorus.sentences import split_sentences
from chorus.store import SCHEMA_VERSION, Store, StoreError


def make(text, **kw):
    return Article(id=article_id(text), text=text, sentences=split_sentences(text), **kw)


def test_same_article_twice_is_stored_once(tmp_path):
    db = tmp_path / "c.db"
    a = make("Floods closed the harbour road on Monday. Crews worked overnight.", title="Floods", outlet="Coast Daily")
    with Store(db) as s:
        assert s.put_articles([a]) == [a.id]
        assert s.put_articles([a]) == []
        assert s.count_articles() == 1
    with Store(db) as s:  # and across runs
        assert s.put_articles([make(a.text)]) == []
        got = s.get_article(a.id)
        assert got.text == a.text and got.sentences == a.sentences and got.title == "Floods"


def test_wal_mode_and_schema_version(tmp_path):
    db = tmp_path / "c.db"
    Store(db).close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_newer_schema_is_refused_with_the_file_named(tmp_path):
    db = tmp_path / "c.db"
    Store(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="c.db.*newer"):
        Store(db)


def test_not_a_database_is_a_clear_error(tmp_path):
    db = tmp_path / "notes.txt"
    db.write_text("this is not sqlite " * 100)
    with pytest.raises(StoreError, match="notes.txt"):
        Store(db)


def test_stored_text_never_changes(tmp_path):
    a = make("The council voted to close the bridge. Traffic was diverted.")
    with Store(tmp_path / "c.db") as s:
        s.put_articles([a])
        a.duplicate_of = "x" * 16
        s.update_articles([a])
        assert s.get_article(a.id).duplicate_of == "x" * 16
        a.text = "changed"
        with pytest.raises(ValueError):
            s.update_articles([a])


def test_events_membership_and_full_text_search(tmp_path):
    a = make("Firefighters contained the wildfire near Dunmore. Residents returned home.",
             outlet="Valley Post", published="2025-03-04")
    b = make("The central bank raised interest rates again. Markets fell.", outlet="Money Wire",
             published="2025-03-05")
    with Store(tmp_path / "c.db") as s:
        s.put_articles([a, b])
        e1 = Event(id="ev-1", articles=[a.id], title="Wildfire contained", first_published="2025-03-04",
                   last_published="2025-03-04")
        e2 = Event(id="ev-2", articles=[b.id], title="Rates up", first_published="2025-03-05",
                   last_published="2025-03-05")
        s.put_events([e1, e2], {a.id: a, b.id: b})
        assert [e.id for e in s.search_events("wildfire")] == ["ev-1"]
        assert [e.id for e in s.search_events("interest rates")] == ["ev-2"]
        assert s.search_events("wildfire bank") == []
        assert [e.id for e in s.search_events(outlet="Money Wire")] == ["ev-2"]
        assert [e.id for e in s.search_events(date_to="2025-03-04")] == ["ev-1"]
        assert s.search_events('"; DROP TABLE events; --') == []  # typed text is never SQL
        assert s.event_ids_for_articles([a.id, b.id]) == {a.id: "ev-1", b.id: "ev-2"}
        e1.articles.append(b.id)
        s.put_event(e1, [a, b])
        assert s.event_ids_for_articles([b.id]) == {b.id: "ev-1"}
        assert s.get_event("ev-1").articles == [a.id, b.id]
        s.delete_events(["ev-2"])
        assert [e.id for e in s.events()] == ["ev-1"]


def test_state_round_trip(tmp_path):
    with Store(tmp_path / "c.db") as s:
        assert s.get_state("cluster") is None
        s.set_state("cluster", '{"k": 1}')
        s.set_state("cluster", '{"k": 2}')
        assert s.get_state("cluster") == '{"k": 2}'


def test_store_folder_is_created(tmp_path):
    with Store(tmp_path / "new" / "dir" / "c.db") as s:
        assert s.count_articles() == 0


def test_an_sqlite_file_of_something_else_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "notes.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="notes.db: not a Chorus store"):
        Store(path)
    con = sqlite3.connect(path)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"notes"} and con.execute("PRAGMA user_version").fetchone()[0] == 0
