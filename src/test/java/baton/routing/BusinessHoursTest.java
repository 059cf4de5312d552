package baton.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {
  private static final BusinessHours LONDON = BusinessHours.parse("Europe/London;mon=09:00-17:00;tue=09:00-17:00;wed=09:00-17:00;"
      + "thu=09:00-17:00;fri=09:00-12:00,13:00-17:00;sat=10:00-14:00;closed=2026-12-25");

  private static Instant london(String local) {
    return ZonedDateTime.parse(local + "[Europe/London]").toInstant();
  }

  @Test
  void isOpen_insideAWeekdayRange_andNotBeforeOrAfterIt() {
    // 2026-11-25 is a Wednesday.
    assertThat(LONDON.isOpen(london("2026-11-25T09:00:00Z"))).isTrue();
    assertThat(LONDON.isOpen(london("2026-11-25T16:59:59Z"))).isTrue();
    assertThat(LONDON.isOpen(london("2026-11-25T17:00:00Z"))).as("the end is exclusive").isFalse();
    assertThat(LONDON.isOpen(london("2026-11-25T08:59:59Z"))).isFalse();
  }

  @Test
  void isOpen_respectsALunchGap_andSundayHasNoHours() {
    assertThat(LONDON.isOpen(london("2026-11-27T12:30:00Z"))).isFalse();
    assertThat(LONDON.isOpen(london("2026-11-27T13:00:00Z"))).isTrue();
    assertThat(LONDON.isOpen(london("2026-11-29T11:00:00Z"))).isFalse();
  }

  @Test
  void isOpen_readsTheTeamsOwnTimeZone_acrossDaylightSaving() {
    // In July London is UTC+1: 08:30 UTC is 09:30 local.
    assertThat(LONDON.isOpen(Instant.parse("2026-07-01T08:30:00Z"))).isTrue();
    assertThat(LONDON.isOpen(Instant.parse("2026-12-02T08:30:00Z"))).as("UTC+0 in December").isFalse();
  }

  @Test
  void nextOpening_afterClosing_isTheNextMorning_andSkipsClosedDates() {
    assertThat(LONDON.nextOpening(london("2026-11-25T18:00:00Z")).orElseThrow().toInstant()).isEqualTo(london("2026-11-26T09:00:00Z"));
    // Thursday 2026-12-24 evening: Christmas Day is closed, so Saturday 10:00.
    assertThat(LONDON.nextOpening(london("2026-12-24T18:00:00Z")).orElseThrow().toInstant()).isEqualTo(london("2026-12-26T10:00:00Z"));
    Instant open = london("2026-11-25T10:00:00Z");
    assertThat(LONDON.nextOpening(open).orElseThrow().toInstant()).as("open now: now").isEqualTo(open);
  }

  @Test
  void overnightRange_belongsToTheDayItStarts() {
    BusinessHours nights = BusinessHours.parse("UTC;fri=22:00-06:00");
    assertThat(nights.isOpen(Instant.parse("2026-11-27T23:00:00Z"))).isTrue();
    assertThat(nights.isOpen(Instant.parse("2026-11-28T05:59:00Z"))).as("Saturday morning, Friday's shift").isTrue();
    assertThat(nights.isOpen(Instant.parse("2026-11-28T06:00:00Z"))).isFalse();
    assertThat(nights.isOpen(Instant.parse("2026-11-26T23:00:00Z"))).as("Thursday night").isFalse();
  }

  @Test
  void daysAndRanges_acceptTheSpecShorthands() {
    assertThat(BusinessHours.days("mon-fri")).hasSize(5);
    assertThat(BusinessHours.days("fri-mon")).hasSize(4);
    assertThat(BusinessHours.days("daily")).hasSize(7);
    assertThat(BusinessHours.days("weekends")).hasSize(2);
    assertThat(BusinessHours.ranges("closed")).isEmpty();
    assertThat(BusinessHours.parse("UTC;mon=00:00-24:00").isOpen(Instant.parse("2026-11-23T23:59:00Z"))).isTrue();
  }

  @Test
  void textForm_roundTrips() {
    assertThat(BusinessHours.parse(LONDON.toText())).isEqualTo(LONDON);
  }

  @Test
  void parse_rejectsNonsense_withAReadableMessage() {
    assertThatThrownBy(() -> BusinessHours.parse("Mars/Olympus;mon=09:00-17:00")).hasMessageContaining("not a time zone");
    assertThatThrownBy(() -> BusinessHours.parse("UTC;funday=09:00-17:00")).hasMessageContaining("not a day");
    assertThatThrownBy(() -> BusinessHours.parse("UTC;mon=9-5")).hasMessageContaining("not a time of day");
    assertThatThrownBy(() -> BusinessHours.parse("UTC;closed=christmas")).hasMessageContaining("not a date");
  }

  @Test
  void describeOpening_saysTodayTomorrowOrTheWeekday() {
    Instant wednesdayEvening = london("2026-11-25T18:00:00Z");
    assertThat(LONDON.describeOpening(LONDON.nextOpening(wednesdayEvening).orElseThrow(), wednesdayEvening))
        .isEqualTo("09:00 tomorrow (Europe/London time)");
    Instant saturdayEvening = london("2026-11-28T18:00:00Z");
    assertThat(LONDON.describeOpening(LONDON.nextOpening(saturdayEvening).orElseThrow(), saturdayEvening))
        .isEqualTo("09:00 on Monday (Europe/London time)");
  }
}
