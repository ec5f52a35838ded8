package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.platform.PlatformWiring;
import java.util.List;
import dev.evalbot.app.reconcile.PullSource;
import java.util.Optional;

/** The Hugging Face Hub, live: webhooks carrying {@code HF_WEBHOOK_SECRET}, reviews and commands as the bot account. */
final class HubLiveWiring {
    private HubLiveWiring() {}

    static PlatformWiring wire(Core core, HubSettings settings) {
        HubPlatform platform = new HubPlatform(settings, core.http(), core.metrics(), core.clock());
        HubCommandPlatform commands = new HubCommandPlatform(platform,
                new HubPermissions(settings, core.http(), core.metrics(), core.clock()));
        CommandSettings commandSettings = CommandSettings.defaults(null);
        CommandEngine engine = new CommandEngine(platform, commands,
                new RepoPermissions(commands, commandSettings.permissionTtl(), core.clock()), core.pipeline(),
                core.commandStores(), commandSettings, core.clock());
        HubWebhookRoute intake = new HubWebhookRoute(settings, core.inbox(), core.serverSettings().maxBodyBytes(),
                core.clock(), core.metrics());
        ObjectMapper json = new ObjectMapper();
        // The Hub has no commit statuses: a retried review has no "pending" to say first.
        Lane lane = new Lane(platform, platform::namedAuthor, engine::handle, engine.history(),
                d -> HubEvents.read(d, json), false);
        PullSource sweeps = HubPullSource.of(settings, core.http(), core.metrics(), core.clock(),
                core.settings().reconcile());
        return new PlatformWiring(HubModule.ROUTE, intake, lane, Optional.of(sweeps), List.of());
    }
}
