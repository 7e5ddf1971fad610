package dev.contextdb.internal.events;

import tools.jackson.databind.json.JsonMapper;

/** Events to JSON and back, with Jackson 3; the only class of the engine that uses Jackson. */
public final class EventJson {

    private final JsonMapper mapper;

    /** @param mapper the application's mapper, or {@code null} for a default one */
    public EventJson(Object mapper) {
        this.mapper = mapper == null ? JsonMapper.builder().build() : (JsonMapper) mapper;
    }

    String write(Object event) {
        return mapper.writeValueAsString(event);
    }

    Object read(String json, Class<?> type) {
        return mapper.readValue(json, type);
    }
}
