package baton.knowledge;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscriber;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Keeps the articles of one {@link WebSource} in step with the site.
 *
 * <p>A sync first finds the pages: the URLs of the source's sitemaps (following sitemap indexes),
 * then its start URLs and, breadth first, the same-host links of every page it reads, up to
 * {@link WebLimits#maxPages()}. Only pages matching the include/exclude globs are indexed; a start URL
 * outside them is still read, for its links. Each host's robots.txt is fetched once per sync and
 * obeyed (a 4xx robots.txt allows everything; a 5xx or unreachable one makes the sync keep that
 * host's pages as they were).
 *
 * <p>Per page it keeps the SHA-256 of the body, the article, the response's ETag and Last-Modified,
 * and the page's links. A page is fetched with If-None-Match / If-Modified-Since; 304, or 200 with an
 * equal hash, keeps the stored article without parsing. 404 and 410 drop the page, and so does a
 * robots.txt rule that now disallows it or a sitemap that no longer lists it. A 5xx, a timeout, an
 * oversized page or an unsupported content type is reported and keeps the last good version. When a
 * sitemap cannot be read, every known page is re-checked instead of being dropped for going unlisted.
 *
 * <p>Nothing but http and https is fetched, redirects are followed only within the same host (at most
 * {@value #MAX_REDIRECTS}), and each request, body included, must finish within the timeout.
 *
 * <p>Thread-safe: syncs run one at a time; {@link #articles()} reads the last finished sync's
 * immutable snapshot without waiting.
 */
public final class WebSync implements SourceSync {
  public static final String USER_AGENT = "Baton/0.1 (+self-hosted support bot)";
  private static final int MAX_REDIRECTS = 5;
  private static final int MAX_SITEMAP_DEPTH = 3;
  private static final int MAX_ROBOTS_BYTES = 512 * 1024;
  private static final Set<String> PAGE_TYPES = Set.of("text/html", "application/xhtml+xml", "text/plain");
  private static final Pattern NOT_A_PAGE = Pattern.compile(
      "(?i).*\\.(pdf|png|jpe?g|gif|webp|svg|ico|zip|gz|tgz|rar|mp3|mp4|webm|mov|css|js|json|xml|woff2?|ttf|exe|dmg|docx?|xlsx?|pptx?)$");

  private record Page(ContentHash hash, Article article, String etag, String lastModified, List<URI> links) {}

  private sealed interface Fetched permits Ok, NotModified, Gone, Failed {}

  private record Ok(URI url, byte[] body, String mediaType, String charset, String etag, String lastModified)
      implements Fetched {}

  private record NotModified() implements Fetched {}

  private record Gone(int status) implements Fetched {}

  /** {@code status} is 0 when no response came. */
  private record Failed(int status, String message) implements Fetched {}

  private static final class PageTooLarge extends IOException {
    PageTooLarge(int limit) {
      super("larger than " + limit + " bytes", null);
    }
  }

  private final WebSource source;
  private final HttpClient http;
  private final WebLimits limits;
  private final SyncStatuses statuses;
  private final Clock clock;
  private final UrlPatterns patterns;
  private final Set<String> crawlOrigins = new HashSet<>();
  private final Set<URI> startUrls = new HashSet<>();
  private final Object syncing = new Object();
  private volatile Map<URI, Page> pages = Map.of();
  private volatile Instant lastStarted;

  public WebSync(WebSource source, SyncStatuses statuses, Clock clock) {
    this(source, httpClient(WebLimits.DEFAULTS), WebLimits.DEFAULTS, statuses, clock);
  }

  public WebSync(WebSource source, HttpClient http, WebLimits limits, SyncStatuses statuses, Clock clock) {
    this.source = source;
    this.http = http;
    this.limits = limits;
    this.statuses = statuses;
    this.clock = clock;
    this.patterns = UrlPatterns.of(source.include(), source.exclude());
    source.startUrls().forEach(url -> {
      crawlOrigins.add(origin(url));
      startUrls.add(normalise(url));
    });
    statuses.register(source.id(), kind());
  }

  /** A client fit for syncing: redirects are left to the sync, which keeps them on the same host. */
  public static HttpClient httpClient(WebLimits limits) {
    return HttpClient.newBuilder().connectTimeout(limits.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  @Override
  public String sourceId() {
    return source.id();
  }

  @Override
  public String kind() {
    return "web";
  }

  public WebSource source() {
    return source;
  }

  /** Whether the poll interval has passed since the last sync started (or there was none). */
  public boolean isDue() {
    Instant last = lastStarted;
    return last == null || !clock.instant().isBefore(last.plus(source.pollInterval()));
  }

  @Override
  public List<Article> articles() {
    return pages.values().stream().map(Page::article).toList();
  }

  @Override
  public SyncReport sync() {
    synchronized (syncing) {
      lastStarted = clock.instant();
      statuses.started(source.id(), kind(), 0);
      Map<URI, Page> before = pages;
      List<SyncError> errors = new ArrayList<>();
      Map<String, Optional<RobotsRules>> robots = new HashMap<>();
      Set<URI> discovered = new LinkedHashSet<>();
      boolean discoveryComplete = true;
      for (URI sitemap : source.sitemaps()) {
        discoveryComplete &= readSitemap(sitemap, 0, discovered, errors);
      }
      source.startUrls().forEach(url -> discovered.add(normalise(url)));
      if (!discoveryComplete) {
        discovered.addAll(before.keySet());
      }
      List<URI> queue = new ArrayList<>(discovered);
      Set<URI> seen = new HashSet<>(discovered);
      Map<URI, Page> after = new LinkedHashMap<>();
      Set<String> slugs = new HashSet<>();
      before.values().forEach(page -> slugs.add(page.article().slug()));
      List<String> added = new ArrayList<>();
      List<String> changed = new ArrayList<>();
      List<String> unchanged = new ArrayList<>();
      boolean capped = false;
      for (int i = 0; i < queue.size(); i++) {
        statuses.progress(source.id(), i, queue.size());
        URI url = queue.get(i);
        boolean indexed = patterns.matches(url.getRawPath());
        if (!indexed && !startUrls.contains(url)) {
          continue;
        }
        Page old = before.get(url);
        Optional<RobotsRules> rules = robots.computeIfAbsent(origin(url), origin -> robotsTxt(origin, errors));
        if (rules.isEmpty()) {
          if (old != null) {
            after.put(url, old);
          }
          continue;
        }
        if (!rules.get().allows(pathAndQuery(url))) {
          continue;
        }
        List<URI> links = List.of();
        Page page = null;
        switch (fetch(url, old, true)) {
          case NotModified notModified -> {
            page = old;
            unchanged.add(old.article().slug());
          }
          case Ok ok -> {
            ContentHash hash = ContentHash.of(ok.body());
            if (old != null && old.hash().equals(hash)) {
              page = new Page(hash, old.article(), ok.etag(), ok.lastModified(), old.links());
              unchanged.add(old.article().slug());
            } else {
              try {
                String slug = old != null ? old.article().slug() : slug(url, slugs);
                page = new Page(hash, parse(slug, ok), ok.etag(), ok.lastModified(), links(ok));
                (old == null ? added : changed).add(slug);
              } catch (RuntimeException e) {
                errors.add(new SyncError(url.toString(), "cannot read the page: " + e.getMessage()));
                page = old;
              }
            }
          }
          case Gone gone -> { } // dropped below, with every other page this sync did not keep
          case Failed failed -> {
            errors.add(new SyncError(url.toString(), failed.message()));
            page = old;
          }
        }
        if (page != null) {
          links = page.links();
          if (indexed) {
            after.put(url, page);
            slugs.add(page.article().slug());
          }
        }
        for (URI link : links) {
          if (crawlOrigins.contains(origin(link)) && !NOT_A_PAGE.matcher(link.getRawPath()).matches() && !seen.contains(link)) {
            if (queue.size() >= limits.maxPages()) {
              capped = true;
              break;
            }
            seen.add(link);
            queue.add(link);
          }
        }
      }
      if (capped) {
        errors.add(new SyncError(source.id(), "stopped finding pages at the limit of " + limits.maxPages()));
      }
      List<String> deleted = new ArrayList<>();
      before.forEach((url, page) -> {
        if (!after.containsKey(url)) {
          deleted.add(page.article().slug());
        }
      });
      pages = Collections.unmodifiableMap(after);
      statuses.progress(source.id(), queue.size(), queue.size());
      statuses.finished(source.id(), after.size(), errors);
      return new SyncReport(source.id(), added, changed, deleted, unchanged, errors, articles());
    }
  }

  private Article parse(String slug, Ok page) {
    if (page.mediaType().equals("text/plain")) {
      Charset charset = page.charset() == null ? StandardCharsets.UTF_8 : Charset.forName(page.charset());
      return new TextArticles().parsePage(slug, page.url(), new String(page.body(), charset));
    }
    return new HtmlArticles().parsePage(slug, page.url(), page.body(), page.charset());
  }

  /** The page's links to other pages, without fragments; none for plain text. */
  private static List<URI> links(Ok page) {
    if (page.mediaType().equals("text/plain")) {
      return List.of();
    }
    Document document;
    try {
      document = Jsoup.parse(new ByteArrayInputStream(page.body()), page.charset(), page.url().toString());
    } catch (IOException e) {
      return List.of();
    }
    Set<URI> links = new LinkedHashSet<>();
    for (Element anchor : document.select("a[href]")) {
      toWebUrl(anchor.absUrl("href")).ifPresent(links::add);
    }
    return List.copyOf(links);
  }

  /** Adds the sitemap's pages to {@code pages}; false when it, or a sitemap it lists, could not be read. */
  private boolean readSitemap(URI sitemap, int depth, Set<URI> pages, List<SyncError> errors) {
    switch (fetch(sitemap, null, false)) {
      case Ok ok -> {
        Document xml = Jsoup.parse(new String(ok.body(), StandardCharsets.UTF_8), sitemap.toString(), Parser.xmlParser());
        boolean complete = true;
        for (Element location : xml.select("sitemapindex > sitemap > loc")) {
          Optional<URI> child = toWebUrl(location.text().strip());
          if (child.isPresent() && depth < MAX_SITEMAP_DEPTH) {
            complete &= readSitemap(child.get(), depth + 1, pages, errors);
          }
        }
        for (Element location : xml.select("urlset > url > loc")) {
          toWebUrl(location.text().strip())
              .filter(page -> origin(page).equals(origin(sitemap)) && patterns.matches(page.getRawPath()))
              .ifPresent(pages::add);
        }
        return complete;
      }
      case Gone gone -> errors.add(new SyncError(sitemap.toString(), "sitemap not found (HTTP " + gone.status() + ")"));
      case Failed failed -> errors.add(new SyncError(sitemap.toString(), "cannot read the sitemap: " + failed.message()));
      case NotModified notModified -> errors.add(new SyncError(sitemap.toString(), "unexpected 304"));
    }
    return false;
  }

  /** The host's rules; empty when robots.txt could not be read, so the host's pages are left as they were. */
  private Optional<RobotsRules> robotsTxt(String origin, List<SyncError> errors) {
    URI robots = URI.create(origin + "/robots.txt");
    return switch (fetch(robots, null, false)) {
      case Ok ok -> Optional.of(RobotsRules.parse(new String(ok.body(), 0, Math.min(ok.body().length, MAX_ROBOTS_BYTES),
          StandardCharsets.UTF_8)));
      case Gone gone -> Optional.of(RobotsRules.allowAll());
      case NotModified notModified -> Optional.of(RobotsRules.allowAll());
      case Failed failed when failed.status() >= 400 && failed.status() < 500 -> Optional.of(RobotsRules.allowAll());
      case Failed failed -> {
        errors.add(new SyncError(robots.toString(),
            "robots.txt unavailable (" + failed.message() + "); this site's pages keep their last good version"));
        yield Optional.empty();
      }
    };
  }

  /**
   * One GET, following same-host redirects. With {@code old}, asks only for a newer version; with
   * {@code pagesOnly}, accepts only HTML and plain text (anything else is not downloaded).
   */
  private Fetched fetch(URI url, Page old, boolean pagesOnly) {
    URI current = url;
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      var request = HttpRequest.newBuilder(current).timeout(limits.timeout()).GET()
          .header("User-Agent", USER_AGENT)
          .header("Accept", pagesOnly ? "text/html, application/xhtml+xml, text/plain;q=0.9" : "*/*");
      if (old != null && old.etag() != null) {
        request.header("If-None-Match", old.etag());
      }
      if (old != null && old.lastModified() != null) {
        request.header("If-Modified-Since", old.lastModified());
      }
      HttpResponse<byte[]> response;
      CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request.build(), info ->
          info.statusCode() == 200 && (!pagesOnly || PAGE_TYPES.contains(mediaType(info.headers().firstValue("Content-Type"))))
              ? limited(limits.maxPageBytes())
              : BodySubscribers.replacing(new byte[0]));
      try {
        response = sent.get(limits.timeout().toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        sent.cancel(true);
        return new Failed(0, "timed out after " + limits.timeout().toSeconds() + " s");
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        return new Failed(0, cause instanceof PageTooLarge ? cause.getMessage()
            : "cannot fetch: " + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Failed(0, "interrupted");
      }
      int status = response.statusCode();
      if (status == 304) {
        return old != null ? new NotModified() : new Failed(status, "304 Not Modified without a stored copy");
      }
      if (status == 404 || status == 410) {
        return new Gone(status);
      }
      if (status >= 300 && status < 400) {
        Optional<URI> target = response.headers().firstValue("Location")
            .flatMap(location -> resolve(response.uri(), location));
        if (target.isEmpty() || !origin(target.get()).equals(origin(url))) {
          return new Failed(status, "redirects away from " + origin(url) + ": " + target.map(URI::toString).orElse("no location"));
        }
        current = target.get();
        continue;
      }
      if (status != 200) {
        return new Failed(status, "HTTP " + status);
      }
      Optional<String> contentType = response.headers().firstValue("Content-Type");
      String mediaType = mediaType(contentType);
      if (pagesOnly && !PAGE_TYPES.contains(mediaType)) {
        return new Failed(status, "unsupported content type '" + contentType.orElse("none") + "'; only HTML and plain text");
      }
      return new Ok(current, response.body(), mediaType, charset(contentType),
          response.headers().firstValue("ETag").orElse(null), response.headers().firstValue("Last-Modified").orElse(null));
    }
    return new Failed(0, "more than " + MAX_REDIRECTS + " redirects");
  }

  /** Collects the body, failing as soon as it grows past {@code limit}, so a huge page is never held. */
  private static BodySubscriber<byte[]> limited(int limit) {
    return new BodySubscriber<>() {
      private final CompletableFuture<byte[]> body = new CompletableFuture<>();
      private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      private Flow.Subscription subscription;

      @Override
      public CompletionStage<byte[]> getBody() {
        return body;
      }

      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
      }

      @Override
      public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
          return;
        }
        for (ByteBuffer buffer : buffers) {
          byte[] chunk = new byte[buffer.remaining()];
          buffer.get(chunk);
          bytes.writeBytes(chunk);
        }
        if (bytes.size() > limit) {
          subscription.cancel();
          body.completeExceptionally(new PageTooLarge(limit));
        }
      }

      @Override
      public void onError(Throwable error) {
        body.completeExceptionally(error);
      }

      @Override
      public void onComplete() {
        body.complete(bytes.toByteArray());
      }
    };
  }

  private static String mediaType(Optional<String> contentType) {
    return contentType.map(value -> value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).orElse("");
  }

  private static String charset(Optional<String> contentType) {
    if (contentType.isEmpty()) {
      return null;
    }
    for (String parameter : contentType.get().split(";")) {
      String[] pair = parameter.strip().split("=", 2);
      if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
        String name = pair[1].strip().replace("\"", "");
        return Charset.isSupported(name) ? name : null;
      }
    }
    return null;
  }

  private static Optional<URI> resolve(URI base, String location) {
    try {
      return toWebUrl(base.resolve(location.strip()).toString());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** An absolute http(s) URL without its fragment, with {@code /} for an empty path; else empty. */
  static Optional<URI> toWebUrl(String url) {
    try {
      URI uri = URI.create(HtmlArticles.withoutFragment(URI.create(url.strip())));
      if (!WebSource.isWeb(uri)) {
        return Optional.empty();
      }
      return Optional.of(normalise(uri));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static URI normalise(URI url) {
    URI uri = URI.create(HtmlArticles.withoutFragment(url));
    if (uri.getRawPath() == null || uri.getRawPath().isEmpty()) {
      return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/" + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }
    return uri;
  }

  static String origin(URI url) {
    String scheme = url.getScheme().toLowerCase(Locale.ROOT);
    int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  private static String pathAndQuery(URI url) {
    return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }

  /** A slug from the host and path, e.g. {@code help-acme-com-shipping-returns}; unique within the source. */
  private static String slug(URI url, Set<String> taken) {
    String base = MarkdownArticles.anchor(url.getHost() + pathAndQuery(url));
    String slug = base;
    for (int n = 2; taken.contains(slug); n++) {
      slug = base + "-" + n;
    }
    return slug;
  }
}
