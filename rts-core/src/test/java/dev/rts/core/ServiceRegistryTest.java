package dev.rts.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rts.api.Api;
import dev.rts.api.Feature;
import dev.rts.api.ServiceContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class ServiceRegistryTest {

    record ChatApi(String room) {
    }

    record NewsApi(String topic) {
    }

    private final ServerFixture fixture = new ServerFixture();
    private final Queue<String> lifecycle = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        fixture.close();
    }

    private FakeService recorded(String name) {
        return FakeService.named(name).recordLifecycleIn(lifecycle);
    }

    // ---- names ----

    @Test
    void duplicateServiceNameFailsStartup() {
        RtsServerBuilder builder = fixture.builder().service(recorded("echo")).service(recorded("echo"));

        assertThatThrownBy(() -> fixture.start(builder))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Service name 'echo' is already used by dev.rts.core.FakeService; service names must be "
                        + "unique (dev.rts.core.FakeService wants it too; mount one under another name)");
        assertThat(lifecycle).isEmpty();
        assertThatThrownBy(() -> fixture.transport().host()).hasMessage("The fake transport was not started");
    }

    @Test
    void theSystemServiceNameIsTaken() {
        RtsServerBuilder builder = fixture.builder().service(recorded("_system"));

        assertThatThrownBy(() -> fixture.start(builder))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Service name '_system' is already used by the system service; service names must be "
                        + "unique (dev.rts.core.FakeService wants it too; mount one under another name)");
    }

    @Test
    void theSameServiceMayBeMountedTwiceUnderDifferentNames() {
        FakeService echo = FakeService.named("echo").echo();
        fixture.start(fixture.builder().service(echo).service("echo2", echo, Map.of("loud", true)));
        FakeConnection socket = fixture.open();

        socket.receive("2|hi");

        assertThat(socket.nextSent()).isEqualTo("2|hi");
        socket.assertNoMoreSent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abcdefghijklm", "bad name", "", "caf\u00e9", "a/b", "chat.v2", " chat"})
    void invalidServiceNamesAreRejected(String name) {
        assertThatThrownBy(() -> RtsServer.builder().service(FakeService.named(name)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service name '" + name + "' of dev.rts.core.FakeService is invalid: expected 1 to 12 "
                        + "characters of [A-Za-z0-9_-]");
        assertThatThrownBy(() -> RtsServer.builder().service(name, FakeService.named("fine"), Map.of()))
                .hasMessage("Service name '" + name + "' of dev.rts.core.FakeService is invalid: expected 1 to 12 "
                        + "characters of [A-Za-z0-9_-]");
    }

    @Test
    void nullServiceNameIsRejected() {
        assertThatThrownBy(() -> RtsServer.builder().service(FakeService.named(null)))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service name null of dev.rts.core.FakeService is invalid: expected 1 to 12 characters of "
                        + "[A-Za-z0-9_-]");
    }

    @Test
    void namesOfTwelveCharactersOfTheAllowedSetAreAccepted() {
        fixture.start(fixture.builder().service(FakeService.named("Ab_-09xyzXYZ")));

        assertThat(fixture.server().api().names()).isEmpty();
    }

    // ---- ids ----

    @Test
    void idsAreAssignedInRegistrationOrderAfterTheSystemService() {
        FakeService zeta = FakeService.named("zeta").features(Feature.JSON, Feature.CALLBACKS);
        FakeService alpha = FakeService.named("alpha");
        FakeService hidden = FakeService.named("hidden").hidden();
        FakeService mid = FakeService.named("mid").features(Feature.SESSIONS, Feature.JSON);
        fixture.start(fixture.builder().service(zeta).service(alpha).service(hidden)
                .service("renamed", mid, Map.of()));
        FakeConnection socket = fixture.open();

        socket.receive("0|2|{\"c\":\"discover\",\"p\":{}}");

        String handler = "\"handler\":\"function (client) { return client; }\"";
        assertThat(socket.nextSent()).isEqualTo("0|2|["
                + "{\"params\":{\"id\":1,\"name\":\"zeta\",\"options\":{},\"use\":{\"json\":true,\"callbacks\":true}},"
                + handler + "},"
                + "{\"params\":{\"id\":2,\"name\":\"alpha\",\"options\":{},\"use\":{}}," + handler + "},"
                + "{\"params\":{\"id\":4,\"name\":\"renamed\",\"options\":{},"
                + "\"use\":{\"json\":true,\"sessions\":true}}," + handler + "}]");
        assertThat(List.of(zeta.context().id(), alpha.context().id(), hidden.context().id(), mid.context().id()))
                .containsExactly(1, 2, 3, 4);
        assertThat(mid.context().name()).isEqualTo("renamed");
        socket.assertNoMoreSent();
    }

    @Test
    void privateServicesStillReceiveMessagesByTheirId() {
        fixture.start(fixture.builder().service(FakeService.named("hidden").hidden().echo()));
        FakeConnection socket = fixture.open();

        socket.receive("1|psst");

        assertThat(socket.nextSent()).isEqualTo("1|psst");
        socket.assertNoMoreSent();
    }

    // ---- the shared api ----

    @Test
    void apiHoldsEachServiceApiUnderItsMountName() {
        ChatApi chat = new ChatApi("lobby");
        NewsApi news = new NewsApi("sport");
        Api api = fixture.start(fixture.builder()
                .service(FakeService.named("chat").api(chat))
                .service(FakeService.named("quiet"))
                .service(FakeService.named("news").api(news)));

        assertThat(api.get("chat", ChatApi.class)).isSameAs(chat);
        assertThat(api.get("news", Object.class)).isSameAs(news);
        assertThat(api.find("news")).containsSame(news);
        assertThat(api.find("quiet")).isEmpty();
        assertThat(api.names()).containsExactly("chat", "news");
        assertThat(fixture.server().api()).isSameAs(api);
    }

    @Test
    void apiGetForAnUnknownNameListsTheAvailableOnes() {
        Api api = fixture.start(fixture.builder()
                .service(FakeService.named("chat").api(new ChatApi("lobby")))
                .service(FakeService.named("quiet"))
                .service(FakeService.named("news").api(new NewsApi("sport"))));

        assertThatThrownBy(() -> api.get("nope", ChatApi.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("No service API named 'nope'; available: [chat, news]");
        assertThatThrownBy(() -> api.get("quiet", ChatApi.class))
                .hasMessage("No service API named 'quiet'; available: [chat, news]");
    }

    @Test
    void apiGetWithTheWrongTypeNamesBothTypes() {
        Api api = fixture.start(fixture.builder().service(FakeService.named("chat").api(new ChatApi("lobby"))));

        assertThatThrownBy(() -> api.get("chat", NewsApi.class))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service API 'chat' is a dev.rts.core.ServiceRegistryTest$ChatApi, not a "
                        + "dev.rts.core.ServiceRegistryTest$NewsApi");
    }

    @Test
    void servicesStartedEarlierArePresentInTheApiDuringStart() {
        Queue<String> seen = new ConcurrentLinkedQueue<>();
        fixture.start(fixture.builder()
                .service(FakeService.named("chat").api(new ChatApi("lobby")))
                .service(FakeService.named("bot").onStart(context -> seen.add(context.api().names().toString())))
                .service(FakeService.named("news").api(new NewsApi("sport"))));

        assertThat(seen).containsExactly("[chat]");
    }

    // ---- the service context ----

    @Test
    void contextDescribesTheMountedService(@TempDir Path root) {
        FakeService chat = FakeService.named("chat");
        fixture.start(fixture.builder().root(root).production(true).service("room", chat, Map.of("size", 10)));

        ServiceContext context = chat.context();
        assertThat(context.name()).isEqualTo("room");
        assertThat(context.id()).isEqualTo(1);
        assertThat(context.options().number("size", 0)).isEqualTo(10);
        assertThat(context.root()).isEqualTo(root.toAbsolutePath().normalize().resolve("room"));
        assertThat(context.root()).doesNotExist();
        assertThat(context.production()).isTrue();
        assertThat(context.logger().getName()).isEqualTo("rts.room");
        assertThat(context.json().encode(Map.of("a", 1))).isEqualTo("{\"a\":1}");
        assertThat(context.executor()).isNotNull();
        assertThat(context.api()).isSameAs(fixture.server().api());
    }

    @Test
    void registeringHandlersAfterStartIsRejected() {
        FakeService late = FakeService.named("late");
        fixture.start(fixture.builder().service(late));
        ServiceContext context = late.context();

        assertThatThrownBy(() -> context.onMessage((message, request, reply) -> { }))
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("Service 'late' called onMessage after start; register handlers in "
                        + "Service.start(ServiceContext)");
        assertThatThrownBy(() -> context.onConnect(event -> { }))
                .hasMessage("Service 'late' called onConnect after start; register handlers in "
                        + "Service.start(ServiceContext)");
        assertThatThrownBy(() -> context.onDisconnect(event -> { }))
                .hasMessage("Service 'late' called onDisconnect after start; register handlers in "
                        + "Service.start(ServiceContext)");
        assertThatThrownBy(() -> context.onUserChange(change -> { }))
                .hasMessage("Service 'late' called onUserChange after start; register handlers in "
                        + "Service.start(ServiceContext)");
    }

    @Test
    void handlerRegisteredAfterStartIsNotInstalled() {
        FakeService late = FakeService.named("late");
        fixture.start(fixture.builder().service(late));
        assertThatThrownBy(() -> late.context().onMessage((message, request, reply) -> reply.send("late")))
                .isInstanceOf(IllegalStateException.class);
        FakeConnection socket = fixture.open();

        socket.receive("1|hello");

        assertThat(socket.nextSent()).isEqualTo("0||{\"type\":\"error\",\"message\":\"Service 'late' does not accept "
                + "messages\",\"service\":\"late\",\"serviceId\":1}");
        socket.assertNoMoreSent();
    }
}
