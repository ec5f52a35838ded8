package dev.evalbot.app.platform.hub;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.evalbot.app.commands.CommandEngine;
import dev.evalbot.app.commands.CommandSettings;
import dev.evalbot.app.commands.RepoPermissions;
import dev.evalbot.app.core.Core;
import dev.evalbot.app.dispatch.Lane;
import dev.evalbot.app.event.PlatformId;
import dev.evalbot.app.platform.PlatformUnit;
import dev.evalbot.app.reconcile.PullSource;
import dev.evalbot.app.reconcile.ReconcileSettings;
import java.util.Optional;

/** The Hugging Face Hub, live: webhooks carrying {@code HF_WEBHOOK_SECRET}, reviews and commands as the bot account. */
public final class HubUnit implements PlatformUnit {
    public static final String ROUTE = "/webhooks/hub";

    private final HubSettings settings;
    private Core core;

    public HubUnit(HubSettings settings) {
        this.settings = settings;
    }

    @Override
    public PlatformId platform() {
        return PlatformId.HUB;
    }

    @Override
    public Lane wire(Core core) {
        this.core = core;
        HubPlatform platform = new HubPlatform(settings, core.http(), core.metrics(), core.clock());
        HubCommandPlatform commands = new HubCommandPlatform(platform,
                new HubPermissions(settings, core.http(), core.metrics(), core.clock()));
        CommandSettings commandSettings = CommandSettings.defaults(null);
        CommandEngine engine = new CommandEngine(platform, commands,
                new RepoPermissions(commands, commandSettings.permissionTtl(), core.clock()), core.pipeline(),
                core.commandStores(), commandSettings, core.clock());
        core.server().post(ROUTE, new HubWebhookRoute(settings, core.inbox(), core.serverSettings().maxBodyBytes(),
                core.clock(), core.metrics()));
        ObjectMapper json = new ObjectMapper();
        // The Hub has no commit statuses: a retried review has no "pending" to say first.
        return new Lane(platform, platform::namedAuthor, engine::handle, engine.history(), d -> HubEvents.read(d, json), false);
    }

    @Override
    public Optional<PullSource> pullSource(ReconcileSettings reconcile) {
        return core == null ? Optional.empty()
                : Optional.of(HubPullSource.of(settings, core.http(), core.metrics(), core.clock(), reconcile));
    }
}
