"""The raw baseline: the API list's first-page SQL with psycopg, as JSON.

A minimal WSGI app, served by the same gunicorn settings as the portal, so
bench/run can compare the portal's API list with what the database and a
JSON encoder alone cost. It reads the same columns, the same 25 rows in the
same order, with the topic and author joined and the tags in a second query.
"""

import json
import os

import psycopg

DSN = os.environ["BASELINE_DSN"]

PAGE = """
SELECT p.id, p.title, p.description, t.slug, t.name, p.status, u.display_name,
       p.author_group, p.created_at, p.published_at, p.edited_at,
       p.supporters_family, p.supporters_clinician, p.supporters_researcher,
       p.supporters_other, p.supporters_total, p.balanced_score, p.trending_score,
       p.comment_count, p.stance_favour, p.stance_neutral, p.stance_against,
       p.merged_into_id, p.is_hidden
FROM priorities_priority p
JOIN priorities_topic t ON t.id = p.topic_id
JOIN portal_user u ON u.id = p.author_id
WHERE p.status IN ('published', 'shortlisted', 'answered') AND NOT p.is_hidden
ORDER BY p.balanced_score DESC, p.supporters_total DESC, p.created_at DESC, p.id DESC
LIMIT 26
"""
TAGS = """
SELECT pt.priority_id, tag.name FROM priorities_priority_tags pt
JOIN priorities_tag tag ON tag.id = pt.tag_id WHERE pt.priority_id = ANY(%s)
"""

_connection = None


def _cursor():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(DSN, autocommit=True)
    return _connection.cursor()


def application(environ, start_response):
    with _cursor() as cursor:
        cursor.execute(PAGE)
        rows = cursor.fetchall()[:25]
        cursor.execute(TAGS, [[r[0] for r in rows]])
        tags: dict[int, list[str]] = {}
        for priority_id, name in cursor.fetchall():
            tags.setdefault(priority_id, []).append(name)
    results = [
        {
            "id": r[0],
            "title": r[1],
            "description": r[2],
            "topic": r[3],
            "topic_name": r[4],
            "tags": tags.get(r[0], []),
            "status": r[5],
            "author_name": r[6],
            "author_group": r[7],
            "created_at": r[8].isoformat(),
            "published_at": r[9].isoformat() if r[9] else None,
            "edited_at": r[10].isoformat() if r[10] else None,
            "supporters": dict(
                zip(
                    ("family", "clinician", "researcher", "other", "total"),
                    r[11:16],
                    strict=True,
                )
            ),
            "balanced_score": r[16],
            "trending_score": r[17],
            "comment_count": r[18],
            "stances": dict(
                zip(("favour", "neutral", "against"), r[19:22], strict=True)
            ),
            "merged_into": r[22],
            "is_hidden": r[23],
            "url": f"/priorities/{r[0]}/",
        }
        for r in rows
    ]
    body = json.dumps({"next": None, "results": results}).encode()
    start_response(
        "200 OK",
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]
