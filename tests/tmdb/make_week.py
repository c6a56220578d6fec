#!/usr/bin/env python3
"""Writes a week of TMDB answers for the canned server: a configuration, one
discover page, the details of each film (credits, keywords, release dates,
external ids appended), people and posters, and the routes file that serves
them. Our own made-up bodies, shaped like TMDB's API v3.

usage: make_week.py OUT_DIR --start YYYY-MM-DD --image-base URL
                    [--films N] [--people N] [--title ID:TITLE:IMDB]...

--title gives the first films their title and IMDb id (to match a history
file's films); the others are "Film N". Each film credits a director and
nine actors drawn from a pool of --people people, so that a week of 40 films
with 100 people asks for each person once.
"""
import argparse, datetime, json, os

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--start", required=True)
ap.add_argument("--image-base", required=True)
ap.add_argument("--films", type=int, default=3)
ap.add_argument("--people", type=int, default=12)
ap.add_argument("--title", action="append", default=[])
a = ap.parse_args()
os.makedirs(a.out, exist_ok=True)
start = datetime.date.fromisoformat(a.start)
given = [t.split(":", 2) for t in a.title]

def write(name, obj):
    with open(os.path.join(a.out, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False)

write("configuration.json", {"images": {"secure_base_url": a.image_base,
      "poster_sizes": ["w92", "w185", "w342", "w500", "original"]}})
results, routes = [], []
for i in range(a.films):
    tid = 9001 + i
    if i < len(given):
        _, title, imdb = given[i]
    else:
        title, imdb = "Film %d" % (i + 1), "tt%07d" % (9001 + i)
    day = (start + datetime.timedelta(days=i % 7)).isoformat()
    results.append({"id": tid, "title": title, "original_title": title,
                    "release_date": day, "popularity": 10.0 + i, "vote_count": 5 * i,
                    "poster_path": "/p%d.jpg" % tid})
    people = [(1000 + (i * 9 + k) % a.people) for k in range(10)]
    write("movie-%d.json" % tid, {
        "id": tid, "title": title, "original_title": title, "release_date": day,
        "runtime": 90 + i % 40, "budget": 1000000 * (i + 1), "original_language": "fr",
        "overview": "Une histoire numéro %d, à Paris." % (i + 1),
        "genres": [{"id": 18, "name": "Drame"}],
        "production_countries": [{"iso_3166_1": "FR", "name": "France"}],
        "spoken_languages": [{"iso_639_1": "fr", "name": "Français"}],
        "production_companies": [{"id": 7, "name": "Studio Test"}],
        "belongs_to_collection": None, "imdb_id": imdb,
        "popularity": 10.0 + i, "vote_count": 5 * i, "poster_path": "/p%d.jpg" % tid,
        "credits": {
            "cast": [{"id": p, "name": "Person %d" % p, "order": k - 1, "popularity": 1.5}
                     for k, p in enumerate(people) if k > 0],
            "crew": [{"id": people[0], "name": "Person %d" % people[0], "job": "Director",
                      "popularity": 2.5}]},
        "keywords": {"keywords": [{"id": 1, "name": "paris"}, {"id": 2, "name": "famille"}]},
        "release_dates": {"results": [{"iso_3166_1": "FR", "release_dates": [
            {"type": 3, "release_date": day + "T00:00:00.000Z", "certification": "Tous publics"}]}]},
        "external_ids": {"imdb_id": imdb}})
    routes.append("/movie/%d* 200 application/json;charset=utf-8 movie-%d.json" % (tid, tid))
for p in range(a.people):
    write("person-%d.json" % (1000 + p), {"id": 1000 + p, "name": "Person %d" % (1000 + p),
          "birthday": "19%02d-05-01" % (40 + p % 50), "popularity": 3.0})
    routes.append("/person/%d* 200 application/json;charset=utf-8 person-%d.json"
                  % (1000 + p, 1000 + p))
write("discover.json", {"page": 1, "total_pages": 1, "total_results": len(results),
                        "results": results})
with open(os.path.join(a.out, "poster.jpg"), "wb") as f:
    f.write(b"\xff\xd8\xff\xe0" + b"poster" * 100 + b"\xff\xd9")
with open(os.path.join(a.out, "week.routes"), "w") as f:
    f.write("/configuration 200 application/json;charset=utf-8 configuration.json\n")
    f.write("/discover/movie* 200 application/json;charset=utf-8 discover.json\n")
    f.write("\n".join(routes) + "\n")
    f.write("/img/* 200 image/jpeg poster.jpg\n")
