"""Build tests/data/web/{blog,newspaper,wire}.html: three real Wikinews articles inside three sites' layouts.

Each page carries the furniture its kind of site puts around a story — a blog's
sidebar widgets, share buttons and comment thread; a newspaper's cookie banner,
section menus, "read more" boxes between paragraphs, newsletter box and most-read
list; a wire service's ticker, trust box, trending list and footer columns — and
states its date the way such sites do (a <time> element, JSON-LD, a meta tag).
The story is the article's text, unchanged. Run: python scripts/make_web_fixtures.py
"""

from __future__ import annotations

import html
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "bench" / "data" / "wikinews"
OUT = ROOT / "tests" / "data" / "web"


def story(name: str) -> tuple[str, list[str], dict]:
    text = (ARTICLES / name).read_text(encoding="utf-8")
    headline, _, body = text.partition("\n\n")
    meta = next(json.loads(line) for line in (ARTICLES / "metadata.jsonl").read_text().splitlines() if f'"articles/{name}"' in line)
    return headline.strip(), [p.strip() for p in body.split("\n\n") if p.strip()], meta


def paras(paragraphs: list[str], between: dict[int, str] | None = None) -> str:
    out = []
    for i, p in enumerate(paragraphs):
        out.append(f"<p>{html.escape(p)}</p>")
        if between and i in between:
            out.append(between[i])
    return "\n        ".join(out)


def blog() -> str:
    headline, body, meta = story("0019.txt")
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="UTF-8">
  <title>{html.escape(headline)} &#8211; The Westminster Notebook</title>
  <link rel="canonical" href="{meta["url"]}">
  <meta name="generator" content="WordPress 6.4">
</head>
<body class="post-template-default single single-post">
  <header id="masthead" class="site-header">
    <p class="site-title"><a href="/">The Westminster Notebook</a></p>
    <p class="site-description">Notes on parliament, parties and the people in them, since 2009</p>
    <nav id="site-navigation"><ul><li><a href="/">Home</a></li><li><a href="/about/">About this blog</a></li>
      <li><a href="/archive/">Archive</a></li><li><a href="/contact/">Contact</a></li></ul></nav>
  </header>
  <div id="content" class="site-content">
    <main id="main" class="site-main">
      <article id="post-4127" class="post type-post status-publish">
        <header class="entry-header">
          <h1 class="entry-title">{html.escape(headline)}</h1>
          <div class="entry-meta">Posted on <time class="entry-date published" datetime="{meta["date"]}T08:15:00+01:00">{meta["date"]}</time>
            by <span class="author vcard"><a class="url fn n" href="/author/editor/">The Editor</a></span></div>
        </header>
        <div class="entry-content">
        {paras(body)}
        </div>
        <footer class="entry-footer">
          <div class="sharedaddy"><h3 class="sd-title">Share this:</h3><ul><li>Share on Facebook (opens in new window)</li>
            <li>Click to share on Twitter (opens in new window)</li><li>Click to email a link to a friend</li></ul></div>
          <span class="cat-links">Posted in <a href="/category/politics/">Politics</a></span>
          <span class="tags-links">Tagged <a href="/tag/brexit/">Brexit</a>, <a href="/tag/parliament/">Parliament</a></span>
        </footer>
      </article>
      <nav class="post-navigation"><div class="nav-previous"><a href="/2019/09/10/">Previous post: What a prorogation is, and what it is not</a></div>
        <div class="nav-next"><a href="/2019/09/13/">Next post: The week the Commons sat late every night</a></div></nav>
      <div id="comments" class="comments-area">
        <h2 class="comments-title">14 thoughts on this post</h2>
        <ol class="comment-list">
          <li class="comment"><div class="comment-author">Margaret from Leeds</div><div class="comment-content"><p>Thank you for
            explaining this so clearly, I had no idea how the Queen was involved in any of it until now.</p></div></li>
          <li class="comment"><div class="comment-author">dave_k</div><div class="comment-content"><p>Completely disagree with
            your reading of the Supreme Court's role here, the courts should never get involved in this.</p></div></li>
        </ol>
        <div id="respond" class="comment-respond"><h3>Leave a Reply</h3><p>Your email address will not be published.
          Required fields are marked with a star.</p></div>
      </div>
    </main>
    <aside id="secondary" class="widget-area">
      <section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>
        <li><a href="/2019/09/13/">The week the Commons sat late every night</a></li>
        <li><a href="/2019/09/10/">What a prorogation is, and what it is not</a></li>
        <li><a href="/2019/09/02/">Rebels, whips and the art of the deal</a></li></ul></section>
      <section class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li>September 2019</li><li>August 2019</li>
        <li>July 2019</li></ul></section>
      <section class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">Brexit Commons Lords
        Prime Minister Speaker whips</div></section>
    </aside>
  </div>
  <footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress. Theme: Notebook by
    Example Themes. Copyright 2009-2019 The Westminster Notebook.</div></footer>
</body>
</html>
"""


def newspaper() -> str:
    headline, body, meta = story("0082.txt")
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "datePublished": f"{meta['date']}T14:30:00Z",
        "author": {"@type": "Person", "name": "Foreign Desk"},
        "publisher": {"@type": "Organization", "name": "The Daily Courier"},
    }
    boxes = {
        1: '<aside class="read-more"><strong>Read more:</strong> <a href="/world/iran-profile">Iran profile: a timeline of'
        " key events</a></aside>",
        3: '<div class="ad-slot" data-ad="mpu">Advertisement - story continues below. Get unlimited access for just 1 a week,'
        " cancel anytime.</div>",
    }
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{html.escape(headline)} | World news | The Daily Courier</title>
  <link rel="canonical" href="{meta["url"]}">
  <script type="application/ld+json">{json.dumps(ld)}</script>
</head>
<body>
  <div id="cookie-banner" role="dialog">We use cookies to personalise content and ads and to analyse our traffic. By clicking
    Accept all you agree to our use of cookies. <button>Accept all</button> <button>Manage settings</button></div>
  <header class="masthead">
    <a class="logo" href="/">The Daily Courier</a>
    <nav class="sections"><a href="/uk">UK</a> <a href="/world">World</a> <a href="/business">Business</a>
      <a href="/politics">Politics</a> <a href="/tech">Tech</a> <a href="/science">Science</a> <a href="/sport">Sport</a>
      <a href="/culture">Culture</a> <a href="/opinion">Opinion</a></nav>
    <div class="ticker">Breaking: Markets fall at the open as oil prices climb - Live updates on the storm warning</div>
  </header>
  <main>
    <article class="article">
      <h1 class="article-headline">{html.escape(headline)}</h1>
      <p class="byline">By Foreign Desk <time datetime="{meta["date"]}T14:30:00Z">{meta["date"]}</time></p>
      <figure><img src="/img/tehran.jpg" alt=""><figcaption>File photo. Credit: Courier picture desk</figcaption></figure>
      <div class="article-body">
        {paras(body, boxes)}
      </div>
      <div class="newsletter">Get our morning briefing. The stories you need to know, delivered to your inbox every
        weekday. Sign up now. By signing up you agree to our privacy notice.</div>
    </article>
    <section class="most-read"><h2>Most read</h2><ol><li>Ten things you did not know about your kettle</li>
      <li>Local council votes to rename high street</li><li>The best hiking routes of the year, ranked</li></ol></section>
  </main>
  <footer class="site-footer"><ul><li>About us</li><li>Contact</li><li>Complaints and corrections</li><li>Terms and
    conditions</li><li>Privacy policy</li><li>Cookie settings</li></ul><p>Copyright 2020 The Daily Courier Ltd. All rights
    reserved.</p></footer>
</body>
</html>
"""


def wire() -> str:
    headline, body, meta = story("0005.txt")
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
  <title>{html.escape(headline)} - Global Wire</title>
  <meta name="date" content="{meta["date"]}">
  <meta name="author" content="Global Wire staff">
  <link rel="canonical" href="{meta["url"]}">
</head>
<body>
  <div class="top-bar"><span>Global Wire</span> <a href="/markets">Markets</a> <a href="/world">World</a>
    <a href="/legal">Legal</a> <a href="/breakingviews">Breakingviews</a> <a href="/sustainability">Sustainability</a>
    <a href="/login">Sign in</a> <a href="/register">Register</a></div>
  <main id="main-content">
    <div class="story">
      <h1 class="story-title">{html.escape(headline)}</h1>
      <div class="story-meta">{meta["date"]} - 3 minute read</div>
      <div class="story-body">
        {paras(body)}
      </div>
      <p class="story-credits">Reporting by wire correspondents; Editing by the world desk</p>
      <div class="trust-box">Our Standards: The Global Wire Trust Principles.</div>
    </div>
    <aside class="trending"><h2>Trending stories</h2><ul><li>Central bank holds rates, signals patience</li>
      <li>Chipmaker shares jump after record quarter</li><li>Heatwave grips southern Europe for a second week</li></ul></aside>
  </main>
  <footer><div class="footer-columns"><div>Apps</div><div>Newsletters</div><div>Advertise with us</div>
    <div>Careers</div><div>Accessibility</div></div><p>All quotes delayed a minimum of 15 minutes.
    Copyright 2004 Global Wire.</p></footer>
</body>
</html>
"""


def main() -> None:
    for name, page in (("blog", blog()), ("newspaper", newspaper()), ("wire", wire())):
        (OUT / f"{name}.html").write_text(page, encoding="utf-8")
        print(f"wrote {OUT / name}.html")


if __name__ == "__main__":
    main()
