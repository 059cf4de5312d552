package baton.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/** The one JSON configuration of the server: ISO dates, nulls kept (clients rely on explicit nulls). */
public final class Json {
  private static final ObjectMapper MAPPER = newMapper();

  private Json() {}

  public static ObjectMapper newMapper() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .setSerializationInclusion(JsonInclude.Include.ALWAYS);
  }

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a client-supplied body into an object node, or fails with a 400 the client can act on. */
  public static JsonNode readObject(String body) {
    if (body == null || body.isBlank()) {
      throw new ApiException(400, "malformed_json", "Request body must be a JSON object.");
    }
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || !node.isObject()) {
        throw new ApiException(400, "malformed_json", "Request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      var location = e.getLocation();
      String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new ApiException(400, "malformed_json", "Request body is not valid JSON" + where + ".");
    }
  }

  public static JsonNode readTree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
