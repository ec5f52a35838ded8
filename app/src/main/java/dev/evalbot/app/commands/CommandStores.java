package dev.evalbot.app.commands;

/** What the engine keeps and tells beyond the platform: the three interfaces the integrator backs with the database. */
public record CommandStores(Decisions decisions, CommandAudit audit, LeaderboardRefresh boards) {}
