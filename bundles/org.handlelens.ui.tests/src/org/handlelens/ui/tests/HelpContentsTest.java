package org.handlelens.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.core.runtime.Platform;
import org.eclipse.help.HelpSystem;
import org.eclipse.help.IContext;
import org.eclipse.help.IHelpResource;
import org.eclipse.help.IToc;
import org.eclipse.help.ITopic;
import org.eclipse.ui.PlatformUI;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * The user guide (bundle org.handlelens.help) is in Eclipse help: its book is in the table of contents,
 * every topic and every image a topic shows exists in the bundle, the F1 contexts point at topics, and
 * the help web application serves a topic over HTTP (the server Help > Help Contents uses).
 */
class HelpContentsTest {
    private static final String HELP_BUNDLE = "org.handlelens.help";
    private static final String BOOK = "HandleLens User Guide";
    private static final Pattern IMG = Pattern.compile("<img[^>]*\\ssrc=\"([^\"]+)\"");
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");

    @Test
    void bookIsInTheTableOfContentsAndEveryTopicExists() throws IOException {
        IToc book = book();
        List<String> hrefs = new ArrayList<>();
        hrefs.add(book.getTopic(null).getHref());
        collect(book.getTopics(), hrefs);
        Set<String> pages = new LinkedHashSet<>();
        for (String href : hrefs) {
            pages.add(pathInBundle(href));
        }
        // the topics the issue asks for
        for (String page : List.of("html/getting-started.html", "html/recording.html", "html/opening.html",
                "html/handle-table.html", "html/groups-stacks-chart.html", "html/suspects.html", "html/answers.html",
                "html/symbols.html", "html/command-line.html")) {
            assertTrue(pages.contains(page), "toc lists " + page + ": " + pages);
        }
        Bundle bundle = Platform.getBundle(HELP_BUNDLE);
        for (String page : pages) {
            URL entry = bundle.getEntry(page);
            assertNotNull(entry, "topic " + page + " exists in " + HELP_BUNDLE);
            String html = read(entry);
            Matcher title = TITLE.matcher(html);
            assertTrue(title.find(), page + " has a <title>");
            Matcher img = IMG.matcher(html);
            while (img.find()) {
                String image = Path.of(page).getParent().resolve(img.group(1)).normalize().toString();
                assertNotNull(bundle.getEntry(image), page + " shows " + image + ", which exists");
            }
        }
    }

    @Test
    void recordingTopicHasTheSeedCommandLines() throws IOException {
        String html = read(Platform.getBundle(HELP_BUNDLE).getEntry("html/recording.html"));
        for (String text : List.of("wpr -start Handle -filemode", "wpr -stop C:\\temp\\Handle.etl",
                "ob_handle+ob_object", "-FileMode Circular", "!htrace -enable", "!htrace -snapshot",
                "!htrace -diff", "!process 0 0")) {
            assertTrue(html.contains(text), "recording.html contains " + text);
        }
    }

    @Test
    void contextHelpPointsAtExistingTopics() {
        Bundle bundle = Platform.getBundle(HELP_BUNDLE);
        for (String id : List.of(org.handlelens.ui.HelpContexts.HANDLE_TABLE, org.handlelens.ui.HelpContexts.SYMBOLS,
                org.handlelens.ui.HelpContexts.IMPORT_WIZARD)) {
            IContext context = HelpSystem.getContext(id);
            assertNotNull(context, "context " + id + " is registered");
            IHelpResource[] topics = context.getRelatedTopics();
            assertTrue(topics.length > 0, id + " has related topics");
            for (IHelpResource t : topics) {
                assertNotNull(bundle.getEntry(pathInBundle(t.getHref())), id + " -> " + t.getHref());
            }
        }
    }

    @Test
    void helpServerServesTheTopics() throws Exception {
        // what Help > Help Contents opens; resolve() starts the help web application on a free port
        String topic = PlatformUI.getWorkbench().getHelpSystem()
                .resolve("/" + HELP_BUNDLE + "/html/recording.html", true).toString();
        assertTrue(topic.startsWith("http://"), topic);
        // fetch off the UI thread, keeping the event loop running: the help servlets may need it
        CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
            try {
                fetchTopicAndToc(topic);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        UiTestSupport.waitUntil("the help server", 300_000, served::isDone);
        served.join();
    }

    private static void fetchTopicAndToc(String topic) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(topic))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, page.statusCode(), topic);
        Matcher title = TITLE.matcher(page.body());
        assertTrue(title.find(), "a title in " + page.body());
        assertEquals("Recording a trace", title.group(1));

        // the web UI's table of contents lists our book
        String base = topic.substring(0, topic.indexOf("/help/") + "/help/".length());
        HttpResponse<String> toc = http.send(HttpRequest.newBuilder(URI.create(base + "advanced/tocfragment"))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertEquals(200, toc.statusCode());
        assertTrue(toc.body().contains(BOOK), "tocfragment lists " + BOOK + ": " + toc.body());

        screenshotHelpContents(base + "index.jsp?topic=/" + HELP_BUNDLE + "/html/recording.html");
    }

    /** Help Contents as the browser shows it, via headless Chromium when installed (CI installs it). */
    private static void screenshotHelpContents(String url) throws Exception {
        Path browser = null;
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                Path p = Path.of(dir, name);
                if (browser == null && Files.isExecutable(p)) {
                    browser = p;
                }
            }
        }
        if (browser == null) {
            return;
        }
        Path tmp = Files.createTempDirectory("help-shot");
        Path png = tmp.resolve("30-help.png");
        Process p = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + tmp.resolve("profile"), "--screenshot=" + png,
                "--virtual-time-budget=8000", "--window-size=1280,800", url)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("chromium.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s");
        }
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 10_000, "help screenshot written");
        Path dir = Path.of(System.getProperty("handlelens.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Files.copy(png, dir.resolve("30-help.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static IToc book() {
        List<String> labels = new ArrayList<>();
        for (IToc toc : HelpSystem.getTocs()) {
            labels.add(toc.getLabel());
            if (BOOK.equals(toc.getLabel())) {
                return toc;
            }
        }
        throw new AssertionError("no book \"" + BOOK + "\" in the help tocs " + labels);
    }

    private static void collect(ITopic[] topics, List<String> hrefs) {
        for (ITopic t : topics) {
            if (t.getHref() != null) {
                hrefs.add(t.getHref());
            }
            collect(t.getSubtopics(), hrefs);
        }
    }

    /** "/org.handlelens.help/html/a.html#x" -> "html/a.html". */
    private static String pathInBundle(String href) {
        String prefix = "/" + HELP_BUNDLE + "/";
        assertTrue(href.startsWith(prefix), href + " is in " + HELP_BUNDLE);
        String path = href.substring(prefix.length());
        int hash = path.indexOf('#');
        return hash < 0 ? path : path.substring(0, hash);
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
