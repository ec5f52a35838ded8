package dev.evalbot.rules; final class Placeholder {}
