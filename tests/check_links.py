#!/usr/bin/env python3
"""Reports every internal link or resource of a built site that points to
nothing. Usage: check_links.py SITE_DIR. Exit status 1 when any is broken."""
import os
import re
import sys
import urllib.parse

root = os.path.normpath(sys.argv[1])
bad = 0
for dirpath, _, files in os.walk(root):
    for name in files:
        if not name.endswith(".html"):
            continue
        path = os.path.join(dirpath, name)
        text = open(path, encoding="utf-8").read()
        for url in re.findall(r'(?:href|src)="([^"]*)"', text):
            if re.match(r"^[a-z]+:|^#|^//", url) or url.startswith("/"):
                continue
            target = os.path.normpath(os.path.join(dirpath, urllib.parse.unquote(url.split("#")[0])))
            if os.path.isdir(target):
                target = os.path.join(target, "index.html")
            if not target.startswith(root) or not os.path.exists(target):
                print("%s: broken link %s" % (os.path.relpath(path, root), url))
                bad += 1
sys.exit(1 if bad else 0)
