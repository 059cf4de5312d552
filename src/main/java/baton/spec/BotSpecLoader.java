package baton.spec;

import baton.platform.YamlPositions;
import baton.routing.BusinessHours;
import baton.routing.Team;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import com.fasterxml.jackson.core.JsonLocation;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and validates a bot spec. Unknown keys are errors (a typo must not silently disable a safety
 * rule), and every problem carries the file, line and column it came from. Stateless, thread-safe.
 */
public final class BotSpecLoader {
  private final YAMLMapper yaml = YAMLMapper.builder()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .build();

  record RawSpec(RawBot bot, RawKnowledge knowledge, RawAnswer answer, EscalationSpecReader.RawEscalation escalation,
      RawHandoff handoff, List<EscalationSpecReader.RawTier> tiers, List<EscalationSpecReader.RawChecklist> checklists,
      List<RawTeam> teams, @JsonProperty("cannedReplies") List<RawCanned> cannedReplies, RawRetention retention,
      SafetySpecReader.RawSafety safety) {}

  /** How long each kind of data is kept: {@code 365d}, {@code 12h} or {@code forever}; unset keys take the defaults. */
  record RawRetention(String transcripts, String packets, String decisions, @JsonProperty("webhookDeliveries") String webhookDeliveries,
      String audit) {}

  record RawCanned(String id, String title, String text) {}

  private static Optional<BusinessHours> hours(RawTeam team, String hoursAt, UnaryOperator<String> at, List<String> problems) {
    RawHours raw = team.hours();
    if (raw == null) {
      return Optional.empty();
    }
    java.time.ZoneId zone = java.time.ZoneOffset.UTC;
    if (raw.timeZone() == null) {
      problems.add(at.apply(hoursAt) + "team '" + team.id() + "' hours need a timeZone, e.g. Europe/London");
    } else {
      try {
        zone = BusinessHours.zone(raw.timeZone());
      } catch (IllegalArgumentException e) {
        problems.add(at.apply(hoursAt + "/timeZone") + e.getMessage());
      }
    }
    var weekly = new java.util.EnumMap<java.time.DayOfWeek, List<BusinessHours.Range>>(java.time.DayOfWeek.class);
    if (raw.open() == null || raw.open().isEmpty()) {
      problems.add(at.apply(hoursAt) + "team '" + team.id() + "' hours need 'open', e.g. {mon-fri: \"09:00-17:00\"}");
    } else {
      raw.open().forEach((days, ranges) -> {
        try {
          for (java.time.DayOfWeek day : BusinessHours.days(days)) {
            weekly.computeIfAbsent(day, any -> new ArrayList<>()).addAll(BusinessHours.ranges(String.valueOf(ranges)));
          }
        } catch (IllegalArgumentException e) {
          problems.add(at.apply(hoursAt + "/open/" + days) + e.getMessage());
        }
      });
    }
    Set<java.time.LocalDate> closed = new java.util.TreeSet<>();
    List<String> rawClosed = raw.closed() == null ? List.of() : raw.closed();
    for (int c = 0; c < rawClosed.size(); c++) {
      try {
        closed.add(BusinessHours.date(String.valueOf(rawClosed.get(c))));
      } catch (IllegalArgumentException e) {
        problems.add(at.apply(hoursAt + "/closed/" + c) + e.getMessage());
      }
    }
    return Optional.of(new BusinessHours(zone, weekly, closed));
  }

  record RawBot(String name, String greeting, String acknowledgement) {}

  record RawKnowledge(List<String> folders, List<String> faqs, List<RawWebSource> web) {}

  record RawWebSource(String id, List<String> urls, List<String> sitemaps, List<String> include, List<String> exclude,
      @JsonProperty("pollMinutes") Integer pollMinutes) {}

  record RawAnswer(@JsonProperty("answerAbove") Double answerAbove, @JsonProperty("clarifyAbove") Double clarifyAbove,
      @JsonProperty("targetPrecision") Double targetPrecision, String validation, String clarifyMessage) {}

  record RawHandoff(String defaultTeam, String defaultTier, String message, String noAnswer, Map<String, String> templates) {}

  record RawTeam(String id, String name, Integer typicalReplyMinutes, String assignment, RawHours hours) {}

  /** Opening hours: {@code open} maps days ("mon-fri", "sat") to ranges ("09:00-17:00"); {@code closed} lists dates. */
  record RawHours(@JsonProperty("timeZone") String timeZone, java.util.LinkedHashMap<String, String> open, List<String> closed) {}

  public BotSpec load(Path file) {
    String where = file.toString();
    RawSpec raw;
    Map<String, JsonLocation> positions;
    try {
      String text = Files.readString(file);
      if (text.isBlank()) {
        throw new SpecException(List.of(where + ":1:1: the spec file is empty"));
      }
      raw = yaml.readValue(text, RawSpec.class);
      positions = YamlPositions.locate(text);
    } catch (UnrecognizedPropertyException e) {
      String hint = YamlPositions.didYouMean(e.getPropertyName(), e.getKnownPropertyIds())
          .map(known -> "; did you mean '" + known + "'?").orElse("");
      throw new SpecException(List.of(YamlPositions.ofKey(file, e.getPropertyName(), e.getLocation()) + "unknown key '" + e.getPropertyName()
          + "'" + hint + " Allowed here: " + e.getKnownPropertyIds()));
    } catch (MismatchedInputException e) {
      String path = e.getPath().stream()
          .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
          .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("the spec");
      throw new SpecException(List.of(YamlPositions.at(file, e.getLocation()) + path + ": expected " + expected(e.getTargetType())
          + " (" + e.getOriginalMessage() + ")"));
    } catch (JsonProcessingException e) {
      throw new SpecException(List.of(YamlPositions.at(file, e.getLocation()) + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new SpecException(List.of(where + ":1:1: cannot read the spec file: " + e.getMessage()));
    }
    if (raw == null) {
      throw new SpecException(List.of(where + ":1:1: the spec file is empty"));
    }
    return validate(file, raw, positions, pointer -> YamlPositions.at(file, positions, pointer));
  }

  private static BotSpec validate(Path file, RawSpec raw, Map<String, JsonLocation> positions, UnaryOperator<String> at) {
    List<String> problems = new ArrayList<>();
    if (raw.bot() == null || blank(raw.bot().name())) {
      problems.add(at.apply("/bot/name") + "bot.name is required");
    }
    if (raw.bot() == null || blank(raw.bot().greeting())) {
      problems.add(at.apply("/bot/greeting") + "bot.greeting is required");
    }
    List<Team> teams = new ArrayList<>();
    Set<String> teamIds = new HashSet<>();
    if (raw.teams() == null || raw.teams().isEmpty()) {
      problems.add(at.apply("/teams") + "teams must list at least one team");
    } else {
      for (int i = 0; i < raw.teams().size(); i++) {
        RawTeam team = raw.teams().get(i);
        String teamAt = at.apply("/teams/" + i);
        if (blank(team.name())) {
          problems.add(teamAt + "team '" + team.id() + "' needs a name: customers see it in the handoff message");
          continue;
        }
        try {
          Team.Assignment assignment = Team.Assignment.CLAIM;
          if (team.assignment() != null) {
            if (!team.assignment().equals("claim") && !team.assignment().equals("auto")) {
              problems.add(at.apply("/teams/" + i + "/assignment") + "team '" + team.id() + "' assignment must be claim or auto, not '"
                  + team.assignment() + "'");
            } else {
              assignment = Team.Assignment.fromWire(team.assignment());
            }
          }
          teams.add(new Team(team.id(), team.name(), team.typicalReplyMinutes() == null ? 5 : team.typicalReplyMinutes(), assignment,
              hours(team, "/teams/" + i + "/hours", at, problems)));
          if (!teamIds.add(team.id())) {
            problems.add(at.apply("/teams/" + i + "/id") + "team '" + team.id() + "' is listed twice");
          }
        } catch (RuntimeException e) {
          problems.add(teamAt + "team '" + team.id() + "': " + (e.getMessage() == null ? "id and name are required" : e.getMessage()));
        }
      }
    }
    RawAnswer answer = raw.answer() == null ? new RawAnswer(null, null, null, null, null) : raw.answer();
    double answerAbove = answer.answerAbove() == null ? 0.75 : answer.answerAbove();
    double clarifyAbove = answer.clarifyAbove() == null ? Math.min(0.4, answerAbove) : answer.clarifyAbove();
    if (answerAbove < 0 || answerAbove > 1) {
      problems.add(at.apply("/answer/answerAbove") + "answer.answerAbove is a probability and must be between 0 and 1, not " + answerAbove);
    }
    if (clarifyAbove < 0 || clarifyAbove > answerAbove) {
      problems.add(at.apply("/answer/clarifyAbove") + "answer.clarifyAbove must be between 0 and answer.answerAbove (" + answerAbove + "), not " + clarifyAbove);
    }
    if (answer.targetPrecision() != null && (answer.targetPrecision() <= 0.5 || answer.targetPrecision() >= 1)) {
      problems.add(at.apply("/answer/targetPrecision") + "answer.targetPrecision must be above 0.5 and below 1, not " + answer.targetPrecision());
    }
    if (answer.targetPrecision() != null && answer.validation() == null) {
      problems.add(at.apply("/answer/targetPrecision") + "answer.targetPrecision needs answer.validation: a CSV of questions and their expected articles");
    }
    Optional<Path> validation = Optional.empty();
    if (answer.validation() != null) {
      Path resolved = file.toAbsolutePath().getParent().resolve(answer.validation()).normalize();
      if (!Files.isRegularFile(resolved)) {
        problems.add(at.apply("/answer/validation") + "answer.validation file '" + answer.validation() + "' does not exist (resolved to " + resolved + ")");
      }
      validation = Optional.of(resolved);
    }
    String clarifyMessage = answer.clarifyMessage() == null ? "I want to get this right. Which of these do you mean?" : answer.clarifyMessage();
    var confidence = new BotSpec.ConfidencePolicy(answerAbove, clarifyAbove, Optional.ofNullable(answer.targetPrecision()),
        validation, clarifyMessage);
    String defaultTeam = raw.handoff() == null ? null : raw.handoff().defaultTeam();
    if (blank(defaultTeam)) {
      problems.add(at.apply("/handoff/defaultTeam") + "handoff.defaultTeam is required");
    } else if (!teamIds.isEmpty() && !teamIds.contains(defaultTeam)) {
      problems.add(at.apply("/handoff/defaultTeam") + "handoff.defaultTeam '" + defaultTeam + "' is not one of the teams " + teamIds);
    }
    Path base = file.toAbsolutePath().getParent();
    List<Path> folders = new ArrayList<>();
    if (raw.knowledge() != null && raw.knowledge().folders() != null) {
      for (int i = 0; i < raw.knowledge().folders().size(); i++) {
        String folder = raw.knowledge().folders().get(i);
        Path resolved = base.resolve(folder).normalize();
        if (!Files.isDirectory(resolved)) {
          problems.add(at.apply("/knowledge/folders/" + i) + "knowledge folder '" + folder + "' does not exist (resolved to " + resolved + ")");
        }
        folders.add(resolved);
      }
    }
    List<Path> faqs = new ArrayList<>();
    if (raw.knowledge() != null && raw.knowledge().faqs() != null) {
      for (int i = 0; i < raw.knowledge().faqs().size(); i++) {
        String faq = raw.knowledge().faqs().get(i);
        Path resolved = base.resolve(faq).normalize();
        if (!Files.isRegularFile(resolved)) {
          problems.add(at.apply("/knowledge/faqs/" + i) + "FAQ file '" + faq + "' does not exist (resolved to " + resolved + ")");
        } else if (!resolved.getFileName().toString().matches(".*\\.(ya?ml|json|csv)")) {
          problems.add(at.apply("/knowledge/faqs/" + i) + "FAQ file '" + faq + "' must end in .yaml, .yml, .json or .csv");
        }
        faqs.add(resolved);
      }
    }
    List<BotSpec.WebSourceSpec> web = new ArrayList<>();
    Set<String> webIds = new HashSet<>();
    if (raw.knowledge() != null && raw.knowledge().web() != null) {
      for (int i = 0; i < raw.knowledge().web().size(); i++) {
        RawWebSource source = raw.knowledge().web().get(i);
        String webAt = "/knowledge/web/" + i;
        String id = source.id() == null ? "" : source.id();
        if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
          problems.add(at.apply(webAt + "/id") + "knowledge.web id '" + id + "' must be 1-64 lower-case letters, digits or dashes");
        } else if (!webIds.add(id)) {
          problems.add(at.apply(webAt + "/id") + "knowledge.web id '" + id + "' is listed twice");
        }
        List<java.net.URI> urls = webUrls(source.urls(), id, problems, at, webAt + "/urls");
        List<java.net.URI> sitemaps = webUrls(source.sitemaps(), id, problems, at, webAt + "/sitemaps");
        if (urls.isEmpty() && sitemaps.isEmpty()) {
          problems.add(at.apply(webAt) + "knowledge.web '" + id + "' needs urls or sitemaps");
        }
        int minutes = source.pollMinutes() == null ? 60 : source.pollMinutes();
        if (minutes < 1 || minutes > 10_080) {
          problems.add(at.apply(webAt + "/pollMinutes") + "knowledge.web '" + id + "' pollMinutes must be 1-10080 (a week), not " + minutes);
        }
        web.add(new BotSpec.WebSourceSpec(id, urls, sitemaps, source.include() == null ? List.of() : source.include(),
            source.exclude() == null ? List.of() : source.exclude(), java.time.Duration.ofMinutes(Math.max(1, minutes))));
      }
    }
    String liveTemplate = raw.handoff() == null || raw.handoff().message() == null
        ? "Connecting you to the {team} team; someone usually replies within {wait}."
        : raw.handoff().message();
    Integer defaultTeamMinutes = teams.stream().filter(team -> team.id().equals(defaultTeam)).findFirst()
        .map(Team::typicalReplyMinutes).orElse(null);
    EscalationSpec escalation = EscalationSpecReader.read(file, raw.escalation(), raw.tiers(), raw.checklists(), defaultTeam,
        defaultTeamMinutes, raw.handoff() == null ? null : raw.handoff().defaultTier(),
        raw.handoff() == null ? null : raw.handoff().templates(), liveTemplate, teamIds, positions, at, problems);
    BotSpec.Safety safety = SafetySpecReader.read(raw.safety(), escalation, at, problems);
    SafetySpecReader.checkCopy(safety, fixedCopy(raw), at, problems);
    List<BotSpec.CannedReply> canned = new ArrayList<>();
    Set<String> cannedIds = new HashSet<>();
    List<RawCanned> rawCanned = raw.cannedReplies() == null ? List.of() : raw.cannedReplies();
    for (int i = 0; i < rawCanned.size(); i++) {
      RawCanned reply = rawCanned.get(i);
      String cannedAt = "/cannedReplies/" + i;
      if (reply.id() == null || !reply.id().matches("[a-z0-9][a-z0-9_-]{0,63}")) {
        problems.add(at.apply(cannedAt + "/id") + "canned reply id '" + reply.id() + "' must be a lower-case name");
      } else if (!cannedIds.add(reply.id())) {
        problems.add(at.apply(cannedAt + "/id") + "canned reply '" + reply.id() + "' is listed twice");
      }
      if (blank(reply.text()) || reply.text().length() > 2000) {
        problems.add(at.apply(cannedAt) + "canned reply '" + reply.id() + "' needs a text of 1-2000 characters");
      }
      canned.add(new BotSpec.CannedReply(String.valueOf(reply.id()), blank(reply.title()) ? String.valueOf(reply.id()) : reply.title(),
          reply.text() == null ? "" : reply.text().strip()));
    }
    BotSpec.Retention retention = retention(raw.retention(), at, problems);
    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    String message = raw.handoff().message() == null
        ? "Connecting you to the {team} team; an agent usually replies within {minutes} minutes."
        : raw.handoff().message();
    String noAnswer = raw.handoff().noAnswer() == null
        ? "I'm not confident I can answer that correctly, so I'm bringing in a person."
        : raw.handoff().noAnswer();
    return new BotSpec(file, raw.bot().name(), raw.bot().greeting(),
        raw.bot().acknowledgement() == null ? "Glad that helped! Is there anything else I can do for you?" : raw.bot().acknowledgement(), folders, faqs, web, confidence, defaultTeam, message, noAnswer, teams,
        escalation, canned, retention, safety);
  }

  private static BotSpec.Retention retention(RawRetention raw, UnaryOperator<String> at, List<String> problems) {
    RawRetention given = raw == null ? new RawRetention(null, null, null, null, null) : raw;
    BotSpec.Retention defaults = BotSpec.Retention.defaults();
    return new BotSpec.Retention(
        period(given.transcripts(), defaults.transcripts(), "transcripts", at, problems),
        period(given.packets(), defaults.packets(), "packets", at, problems),
        period(given.decisions(), defaults.decisions(), "decisions", at, problems),
        period(given.webhookDeliveries(), defaults.webhookDeliveries(), "webhookDeliveries", at, problems),
        period(given.audit(), defaults.audit(), "audit", at, problems));
  }

  /** {@code 365d} (days), {@code 12h} (hours) or {@code forever}; at most 100 years, so the cutoff stays a real date. */
  private static Optional<java.time.Duration> period(String value, Optional<java.time.Duration> fallback, String key,
      UnaryOperator<String> at, List<String> problems) {
    if (value == null) {
      return fallback;
    }
    String text = value.strip().toLowerCase(java.util.Locale.ROOT);
    if (text.equals("forever")) {
      return Optional.empty();
    }
    var matcher = java.util.regex.Pattern.compile("([0-9]{1,6})([dh])").matcher(text);
    if (!matcher.matches()) {
      problems.add(at.apply("/retention/" + key) + "retention." + key + " must be a number of days or hours such as 365d or 12h,"
          + " or forever, not '" + value + "'");
      return fallback;
    }
    long amount = Long.parseLong(matcher.group(1));
    var period = matcher.group(2).equals("d") ? java.time.Duration.ofDays(amount) : java.time.Duration.ofHours(amount);
    if (period.isZero() || period.compareTo(java.time.Duration.ofDays(36_500)) > 0) {
      problems.add(at.apply("/retention/" + key) + "retention." + key + " must be between 1h and 36500d (100 years), not '" + value + "'");
      return fallback;
    }
    return Optional.of(period);
  }

  /** The spec's words the bot sends as they are, by where they stand in the file. */
  private static Map<String, String> fixedCopy(RawSpec raw) {
    Map<String, String> copy = new java.util.LinkedHashMap<>();
    if (raw.bot() != null) {
      copy.put("/bot/greeting", raw.bot().greeting());
      copy.put("/bot/acknowledgement", raw.bot().acknowledgement());
    }
    if (raw.answer() != null) {
      copy.put("/answer/clarifyMessage", raw.answer().clarifyMessage());
    }
    if (raw.handoff() != null) {
      copy.put("/handoff/message", raw.handoff().message());
      copy.put("/handoff/noAnswer", raw.handoff().noAnswer());
      if (raw.handoff().templates() != null) {
        raw.handoff().templates().forEach((channel, template) -> copy.put("/handoff/templates/" + channel, template));
      }
    }
    List<EscalationSpecReader.RawChecklist> checklists = raw.checklists() == null ? List.of() : raw.checklists();
    for (int c = 0; c < checklists.size(); c++) {
      List<EscalationSpecReader.RawItem> items = checklists.get(c).items() == null ? List.of() : checklists.get(c).items();
      for (int i = 0; i < items.size(); i++) {
        copy.put("/checklists/" + c + "/items/" + i + "/ask", items.get(i).ask());
      }
    }
    return copy;
  }

  private static List<java.net.URI> webUrls(List<String> values, String id, List<String> problems, UnaryOperator<String> at,
      String pointer) {
    List<java.net.URI> urls = new ArrayList<>();
    List<String> given = values == null ? List.of() : values;
    for (int i = 0; i < given.size(); i++) {
      String value = given.get(i);
      String where = at.apply(pointer + "/" + i);
      try {
        var url = new java.net.URI(value);
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
          problems.add(where + "knowledge.web '" + id + "': only absolute http(s) URLs can be synced, not '" + value + "'");
        } else {
          urls.add(url);
        }
      } catch (java.net.URISyntaxException e) {
        problems.add(where + "knowledge.web '" + id + "': '" + value + "' is not a URL: " + e.getReason());
      }
    }
    return urls;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (type == String.class) {
      return "a text";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a section of keys";
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }


}
