using System.Collections.Immutable;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// The model table AiLint ships (contract.md, "Model table"). Each row cites the page its facts come from; a fact
    /// that could not be confirmed there is left empty rather than guessed. Where two versions of a provider page name
    /// different replacements for the same model, the successor is left empty.
    /// </summary>
    internal static class ShippedModelTable
    {
        /// <summary>The day the table was compiled. "Retired" means a shutdown date on or before this day.</summary>
        public const string CompiledOn = "2026-12-07";

        private const string OpenAIDeprecations = "https://developers.openai.com/api/docs/deprecations";
        private const string OpenAIReasoning = "https://platform.openai.com/docs/guides/reasoning";
        // OpenAI's model pages for o3-mini and o4-mini ("Model details": "Default snapshot: o3-mini-2025-01-31",
        // "o4-mini-2025-04-16"; each the only snapshot listed under "Snapshots"), read in the pages' markdown versions.
        // No dates are given there. (o3-pro names its snapshot in OpenAIGpt5O3AliasShutdown.)
        private const string OpenAIO3MiniModel = "https://developers.openai.com/api/docs/models/o3-mini";
        private const string OpenAIO4MiniModel = "https://developers.openai.com/api/docs/models/o4-mini";
        private const string OpenAIGpt4TurboModel = "https://developers.openai.com/api/docs/models/gpt-4-turbo";
        // OpenAI's own copy of its deprecations page (the "Deprecation history" section, older announcements the live
        // page no longer shows in full), kept in the openai/openai-cookbook repository.
        private const string OpenAIDeprecationHistory = "https://github.com/openai/openai-cookbook/blob/main/examples/data/oai_docs/deprecations.txt";
        // A dated copy of the lifecycle the deprecations page gave for the 2025 preview and o1 models (its "Deprecation
        // history" entries of 2025-04-14 and 2025-04-28), where the dates below were read.
        private const string OpenAILifecycleCopy = "https://deploy-preview-9685--endoflife-date.netlify.app/chatgpt";
        // A brief on OpenAI's "legacy GPT snapshots" shutdown, quoting the deprecations page's rows with a shutdown on
        // 2026-03-26 for gpt-4-0314, gpt-4-1106-preview, gpt-4-0125-preview and the gpt-4-turbo-preview alias (the
        // announcement's date is not given there, so no deprecation date is set).
        private const string OpenAILegacySnapshots2026 = "https://www.modelcostwatch.com/openai/deprecations/legacy-gpt-snapshots";
        // OpenAI's notice of 2025-09-26 to developers of legacy snapshots, quoted in a project's change of that day: shutdown
        // on 2026-09-28 for gpt-3.5-turbo-instruct, babbage-002, davinci-002 and gpt-3.5-turbo-1106 (and on 2026-03-26 for
        // the rows of OpenAILegacySnapshots2026). A model catalog gives gpt-3.5-turbo-1106 the same date
        // (https://www.getmaxim.ai/bifrost/model-library/compare/openai/gpt-3.5-turbo-1106). No replacement is named.
        private const string OpenAILegacySnapshotsNotice20250926 = "https://github.com/cognizant-ai-lab/neuro-san/pull/414";
        // Second quotes of that notice's 2026-09-28 date: a client's change retiring gpt-3.5-turbo-instruct ("Official
        // retirement date is 2026-09-28"), and a deprecation tracker's page for davinci-002 (shutdown 2026-09-28). No
        // second quote was found for babbage-002, so it has no row.
        private const string OpenAIInstructRetirement = "https://github.com/SillyTavern/SillyTavern/pull/4735";
        private const string OpenAIDavinci002Tracker = "https://weighmyprompt.com/deprecations/openai-davinci-002";
        // Quotes of the rest of the deprecations page's 2026-04-22 table (its dated copy, OpenAIDeprecationsCopy20260422,
        // was read only as far as the gpt-4-0613 row): a project's tracking issue lists the 2026-10-23 shutdowns gpt-4-turbo, gpt-4.1-nano,
        // gpt-4o-2024-05-13, gpt-image-1, o1-2024-12-17, o1-pro-2025-03-19, o3-mini-2025-01-31 and o4-mini-2025-04-16;
        // a model catalog's change citing the page's 2026-04-22 notice marks gpt-4-turbo, gpt-4.1-nano, gpt-4o-2024-05-13,
        // gpt-image-1, o1, o1-pro, o3-mini and o4-mini deprecated with shutdown 2026-10-23; a proxy's model config gives
        // the same date for gpt-4-turbo, gpt-4.1-nano, gpt-4o-2024-05-13, o1, o1-pro, o3-mini and o4-mini. The alias and
        // its snapshot are one row of the page (as for gpt-4 / gpt-4-0613), so a quote of either names both: the dates
        // of gpt-4-turbo and gpt-4.1-nano hold for the snapshots their alias rows name. Their substitutes differ between
        // versions of the page (gpt-4.1-mini, then gpt-5.6-sol / -terra / -luna), so no successor is named.
        private const string OpenAILegacySnapshotsOctober2026Tracker = "https://github.com/dimagi/open-chat-studio/issues/3208";
        private const string OpenAILegacySnapshotsOctober2026Catalog = "https://github.com/anomalyco/models.dev/pull/3707";
        private const string OpenAILegacySnapshotsOctober2026Proxy = "https://github.com/Instawork/llm-proxy/pull/46";
        // OpenAI's notice of 2026-06-11, as reported: the dated snapshots gpt-5-2025-08-07, gpt-5-mini-2025-08-07,
        // gpt-5-nano-2025-08-07, gpt-5-pro-2025-10-06, o3-2025-04-16 and o3-pro-2025-06-10 leave the API on 2026-12-11,
        // while the floating aliases keep working. A proxy's config citing the deprecations page gives the same date for
        // the dated snapshots (https://github.com/Instawork/llm-proxy/pull/59). Developers' copies of the e-mail quote
        // December 10 (agentjido/llmdb#233, dimagi/open-chat-studio#3643); the page's date is the one used. The claim that
        // the aliases keep working is this report's alone: the sources below list the aliases as shut down too.
        private const string OpenAIGpt5O3Shutdown = "https://privatedevops.com/news/openai-retires-gpt-5-o3-snapshots-december-2026";
        // The o3 and o3-pro aliases go with their only snapshots. A deprecation tracker's list of the ids of the deprecations
        // page's "2026-06-11: GPT-5 and o3 model deprecations" names o3 with o3-2025-04-16 and o3-pro with
        // o3-pro-2025-06-10, each shut down on 2026-12-11 (announced 2026-06-11), as it does gpt-5-nano with its snapshot;
        // a second list copied from the page and checked against the models endpoint's shutdown dates
        // (https://dev.to/max_bob/openai-api-deprecations-2026-2027-every-shutdown-date-and-recommended-replacement-gpt-4o-2ffm)
        // gives gpt-5 and o3 "and their snapshots" the same day. The page's own table (OpenAIDeprecations) lists each
        // alias with its snapshot as deprecated in one row (read as far as the gpt-5-nano row). The replacement differs
        // between the lists (gpt-5.6-sol, gpt-6.1-sol), so no successor is named.
        private const string OpenAIGpt5O3AliasShutdown = "https://dev.to/aideprecations/what-to-do-before-openai-gpt-5-and-o3-shut-down-on-december-11-2026-fap";
        // gpt-6-astra, on the OpenAI API since 2026-09: requests with a temperature other than 1 are rejected ("Unsupported
        // parameter: 'temperature' is not supported with this model", OpenAI's answer quoted in this change to a proxy's
        // request rules), and the model has no reasoning effort "none" under which sampling parameters are accepted
        // (measured against the live model in https://github.com/bolna-ai/bolna/pull/1019). Read as a reasoning model;
        // no snapshot, deprecation or shutdown is confirmed, so the row has none. A quoted OpenAI migration note names
        // temperature, top_p and log probabilities as unsupported; the penalties are not named in any source read, and the
        // reasoning flag covers them too (see AIL0504's page).
        private const string OpenAIGpt6AstraSampling = "https://github.com/BerriAI/litellm/pull/39631";
        // OpenAI's notice of 2026-10-14 ("GPT-4 series model deprecations"), read in a Chinese copy of the deprecations
        // page: the snapshots gpt-4o-2024-08-06, gpt-4o-2024-11-20, gpt-4o-mini-2024-07-18, gpt-4.1-2025-04-14 and
        // gpt-4.1-mini-2025-04-14 are deprecated and leave the API on 2027-01-14, each with gpt-6-luna as the
        // recommended replacement (fine-tunes of them on the same day). The table names the dated snapshots only, each
        // under its model's name: the undated aliases are not in it. Quotes of the page agree on the dates and the
        // replacement (as of 2026-10-15 in
        // https://dev.to/importstatic/every-openai-model-shutdown-date-until-january-2027-and-what-replaces-it-1dfk, checked
        // against the models endpoint's shutdown dates on 2026-10-27 in
        // https://dev.to/max_bob/openai-api-deprecations-2026-2027-every-shutdown-date-and-recommended-replacement-gpt-4o-2ffm).
        // A reseller's notice of the same day advises gpt-6.1-sol for GPT-4o and GPT-4.1 as its own choice; it quotes no page.
        private const string OpenAIGpt4oGpt41Shutdown = "https://www.w3cschool.cn/openai_api/openai_api-docs-deprecations.html";
        private const string AnthropicDeprecations = "https://docs.anthropic.com/en/docs/about-claude/model-deprecations";
        private const string AnthropicDeprecations2026 = "https://platform.claude.com/docs/en/about-claude/model-deprecations";
        private const string AnthropicReleaseNotes = "https://docs.claude.com/en/release-notes/overview";
        private const string AnthropicReleaseNotes2026 = "https://platform.claude.com/docs/en/release-notes/overview";

        // Anthropic's API answers "temperature and top_p cannot both be specified for this model" for these models;
        // the error text is quoted in these reports (for claude-sonnet-4-5-20250929, whose row cites its dates, in
        // https://github.com/browseros-ai/BrowserOS/issues/208).
        private const string AnthropicSamplerErrorOpus41 = "https://github.com/open-webui/functions/pull/9";
        // Claude Opus 4.1: Anthropic's C# SDK marked it deprecated on 2026-06-05 (release 12.26.0, "mark Claude Opus 4.1 as
        // deprecated"), and reports quoting the deprecations page give its retirement on 2026-08-05 (deprecated June 5,
        // "hard retirement of August 5", https://indragustiprasetya.com/blog/multi-provider-llm-fallback-done-right-in-2026.html;
        // claude-opus-4-1-20250805 retiring on August 5, 2026, https://www.totalum.app/blog/claude-4-deprecation-migration-2026).
        // A CLI's release dropping the alias "claude-opus-4-1 (retired by Anthropic on August 5, 2026)"
        // (https://github.com/multidotdev/cli/releases/tag/v0.0.135) and a Ruby client's model constants ("@deprecated Will
        // reach end-of-life on August 5th, 2026" on claude-opus-4-1-20250805) agree. The alias has this one snapshot, so it is retired
        // with it, as claude-3-5-sonnet-latest is. Replacements differ between the reports, so no successor is named.
        private const string AnthropicOpus41Retirement = "https://github.com/anthropics/anthropic-sdk-csharp/releases/tag/Anthropic-v12.26.0";
        // The Claude 4.0 aliases: Anthropic's C# SDK marks ClaudeOpus4_0 ("claude-opus-4-0") and ClaudeSonnet4_0
        // ("claude-sonnet-4-0") obsolete beside their snapshots, each "Will reach end-of-life on June 15th, 2026"
        // (src/Anthropic/Models/Messages/Model.cs); a report of the retirement says the aliases break with the snapshots
        // (https://dev.to/flarecanary/claude-opus-4-and-sonnet-4-retire-june-15-your-claude-opus-4-0-alias-is-about-to-start-failing-ej5).
        private const string AnthropicClaude40Aliases = "https://github.com/anthropics/anthropic-sdk-csharp/blob/main/src/Anthropic/Models/Messages/Model.cs";
        // The claude-sonnet-4-5 alias: a provider notice that Anthropic took claude-sonnet-4-5-20250929 and claude-sonnet-4-5
        // offline on 2026-11-30 (deprecation announced on 2026-09-30). Anthropic's C# SDK lists claude-sonnet-4-5 beside
        // claude-sonnet-4-5-20250929 as the two ids of Claude Sonnet 4.5, and its model page (AnthropicSonnet45Overview)
        // retires the model on 2026-11-30; the snapshot is the alias's only one, so the alias is retired with it.
        private const string AnthropicSonnet45AliasRetirement = "https://docs.apiyi.com/live/2026-12/claude-sonnet-4-5-retired";
        // Anthropic's model page for Claude Sonnet 4.5 (its English text, the same in the page's ja, pt-BR and zh-TW
        // copies): deprecated, "retires on November 30, 2026". The page names the replacement by its display name only,
        // so no successor id is given.
        private const string AnthropicSonnet45Overview = "https://platform.claude.com/docs/zh-CN/models/sonnet-4-5/overview";
        // Anthropic's "What's new in Claude Sonnet 5" page (the same text in its zh-CN model overview): adaptive thinking is
        // on by default and non-default temperature, top_p or top_k values return a 400 error, so the row is read as a
        // reasoning model's (AIL0504 accepts the defaults). The id `claude-sonnet-5` (dateless) is the one every API
        // example gives; the official excerpt stored here stops before its model-id table.
        private const string AnthropicSonnet5WhatsNew = "https://platform.claude.com/docs/en/about-claude/models/whats-new-sonnet-5";
        // OpenAI's model page for GPT-4o mini (read through a dated copy, https://mdsite.deno.dev/https://platform.openai.com/docs/models/gpt-4o-mini):
        // "gpt-4o-mini" is listed under the model's "snapshots and aliases"; the alias map below (OpenAIAliasMap) points it
        // at gpt-4o-mini-2024-07-18.
        private const string OpenAIGpt4oMiniModel = "https://platform.openai.com/docs/models/gpt-4o-mini";
        // A map of OpenAI's aliases to the snapshots they point to, posted on OpenAI's developer forum (gpt-4.1 ->
        // gpt-4.1-2025-04-14, gpt-4.1-mini -> gpt-4.1-mini-2025-04-14, gpt-4o-mini -> gpt-4o-mini-2024-07-18).
        private const string OpenAIAliasMap = "https://community.openai.com/t/where-can-i-check-the-model-alias-updates/1357643";
        // Anthropic's models overview (the "Claude API alias" of each model) and its Haiku 4.5 migration guide (model id
        // claude-haiku-4-5-20251001; setting both temperature and top_p returns a 400 error on Claude Haiku 4.5).
        private const string AnthropicModelsOverview = "https://platform.claude.com/docs/en/about-claude/models/overview";
        private const string AnthropicHaiku45Migration = "https://platform.claude.com/docs/id/models/haiku-4-5/migration-guide";
        // Dated copies of OpenAI's deprecations page kept by a documentation-history site: the announcement of
        // 2026-04-22 ("Legacy GPT model snapshots", shutdowns on 2026-07-23 and 2026-10-23) and that of 2026-05-08
        // (gpt-5.2-chat-latest and gpt-5.3-chat-latest, shutdown on 2026-08-10).
        // OpenAI's model pages for DALL·E 2 and DALL·E 3 say each model is deprecated and gone from the API (the DALL·E 3
        // page marks it, and its one snapshot of the same name, shut down); they give no dates. The dates (developers
        // notified on 2025-11-14, removed from the API on 2026-05-12, the deprecations page's 2025-11-14 announcement) are
        // from news reports of the shutdown (https://nerova.ai/news/openai-dall-e-3-shutdown-may-12-2026, and the same dates in
        // https://dev.to/flarecanary/dalle-shuts-down-may-12-the-gpt-image-1-migration-isnt-the-drop-in-swap-it-looks-like-3p02).
        // Recommended replacements differ between the reports and the model pages, and some are deprecated since, so no
        // successor is named.
        private const string OpenAIDalle2Model = "https://developers.openai.com/api/docs/models/dall-e-2";
        private const string OpenAIDalle3Model = "https://developers.openai.com/api/docs/models/dall-e-3";
        private const string OpenAIDeprecationsCopy20260422 = "https://spybara.com/openai/api/history/docs/en/2026-04-22-0555..2026-04-23-0556/";
        private const string OpenAIDeprecationsCopy20260508 = "https://spybara.com/openai/api/history/docs/en/2026-05-12-1857..2026-05-14-2100/";
        private const string GeminiDeprecations = "https://ai.google.dev/gemini-api/docs/deprecations";
        // OpenAI's API reference lists the model ids it accepts (its "AllModels" enumeration, read 2026-12-07): the
        // undated gpt-5.4-mini and gpt-5.4-nano next to their only dated ids, gpt-5.4-mini-2026-03-17 and
        // gpt-5.4-nano-2026-03-17. No dates are given there.
        private const string OpenAIModelIdReference = "https://developers.openai.com/api/reference/resources/%24shared";
        // OpenAI's model page for GPT-4o, read in its markdown version: "Default snapshot: `gpt-4o-2024-08-06`" (the page
        // lists gpt-4o-2024-11-20, -08-06 and -05-13 under "Snapshots"). The alias map below (OpenAIAliasMap) points the
        // alias at the same snapshot. No dates are given there.
        private const string OpenAIGpt4oModel = "https://developers.openai.com/api/docs/models/gpt-4o";
        // A copy of OpenAI's deprecations page (its "Upcoming deprecations" table: shutdown date, affected model, status,
        // recommended replacement, notice date): gpt-image-1-mini, "gpt-image-1.5, gpt-image-1.5-2025-12-16" and
        // chatgpt-image-latest are deprecated, notice Jun 2, 2026, shut down Dec 1, 2026. The page names
        // gpt-image-2.6-sunburst or gpt-image-2.6-flare as the replacement; a quote of the page checked against the models
        // endpoint on 2026-10-27 (https://dev.to/max_bob/openai-api-deprecations-2026-2027-every-shutdown-date-and-recommended-replacement-gpt-4o-2ffm)
        // gives the same day and gpt-image-2.5-sunburst or -flare, so no successor is named.
        private const string OpenAIImageModelsShutdown = "https://developers.openai.com/api/docs/deprecations?translationFallback=zh-Hans";
        // Anthropic's migration guide for Claude Opus 5.5: "Use claude-opus-5-5, a fixed model ID with no date suffix", and
        // settings the guide names as rejected return a 400 error. That non-default temperature, top_p and top_k are among
        // them is read in two reports quoting Anthropic: a library's predicate citing "Anthropic's list of always-reject
        // models" (Opus 5.5 among them, https://docs.memberjunction.org/v6.2/api/functions/_memberjunction_ai-anthropic.RejectsSamplingParams.html)
        // and an agent library's fix release (Opus 5.5 rejects temperature, top_p and top_k with a 400,
        // https://github.com/yologdev/yoagent/releases/tag/v0.27.3). Read as a reasoning model's row, like claude-sonnet-5.
        private const string AnthropicOpus55Migration = "https://platform.claude.com/docs/en/models/opus-5-5/migration-guide";
        // A library's catalog of OpenAI's models, "verified against GET /v1/models on 2026-03-29": "Undated aliases (e.g.
        // GPT_54) always resolve to the latest pinned version", the pinned one being GPT_54_2026_03_05 (gpt-5.4-2026-03-05).
        private const string OpenAIGpt54Catalog = "https://docs.embabel.com/embabel-agent/api-docs/2.0.0-SNAPSHOT/-embabel%20-agent%20-documentation/com.embabel.agent.api.models/-open-ai-models/index.html";
        // OpenAI's model page for GPT-5.1 heads the id gpt-5.1 with its one dated id, gpt-5.1-2025-11-13, and marks the model
        // "Deprecated" with no date; the deprecations page's dated tables (OpenAIDeprecationsCopy20260422, ...20260508)
        // name gpt-5.1-chat-latest and the gpt-5.1-codex ids, not gpt-5.1 itself. So no deprecation or shutdown date and
        // no successor is set. A library's catalog of OpenAI's models names the same dated id (GPT_51_2025_11_13,
        // https://docs.embabel.com/embabel-agent/api-docs/0.4.0-SNAPSHOT/-embabel%20-agent%20-documentation/com.embabel.agent.api.models/-open-ai-models/-companion/-g-p-t_51_2025_11_13.html).
        // A shutdown on 2027-04-01 is reported for gpt-5.1 (with gpt-5.3-codex and gpt-5.4-nano in a tracker's headline),
        // but no copy of the deprecations page read shows that row and only one report quotes the page for it, so the
        // date is left out.
        private const string OpenAIGpt51Model = "https://developers.openai.com/api/docs/models/gpt-5.1";
        // OpenAI's model page for omni-moderation-latest names it the alias of the snapshot omni-moderation-2024-09-26.
        private const string OpenAIOmniModerationModel = "https://developers.openai.com/api/docs/models/omni-moderation-latest";
        // OpenAI's model page marks text-moderation-latest and its snapshots "Shut down"; the date (2025-10-27, announced
        // 2025-04-28 under the deprecations page's "2025-04-28-text-moderation") is from a user report citing that entry
        // (spring-projects/spring-ai#4709); the model page itself gives no date.
        private const string OpenAITextModerationModel = "https://developers.openai.com/api/docs/models/text-moderation-latest";

        public static ImmutableArray<ModelRow> Rows { get; } = ImmutableArray.Create(
            // ---- OpenAI ----
            // GPT-5 family: reasoning models, deprecated on 2026-06-11 with shutdown on 2026-12-11. No successor: the
            // page's recommended replacement changed between the versions read (gpt-5.6-sol / -terra in a copy of 2026-10,
            // gpt-6.1-sol / -terra on the stored page, gpt-6.2-sol in a feed quoting it on 2026-12-05).
            new ModelRow("openai", "gpt-5", isAlias: true, snapshot: "gpt-5-2025-08-07", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-5-2025-08-07", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-5-mini", isAlias: true, snapshot: "gpt-5-mini-2025-08-07", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-5-mini-2025-08-07", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-5-nano", isAlias: true, snapshot: "gpt-5-nano-2025-08-07", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-5-nano-2025-08-07", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIDeprecations),

            // o-series reasoning models (sampling parameters are a documented limitation of reasoning models).
            // o1, o3-mini and o4-mini (alias and snapshot) are in the 2026-04-22 announcement, shut down on 2026-10-23
            // (OpenAILegacySnapshotsOctober2026Tracker and the quotes beside it). The o3 alias is in the 2026-06-11
            // announcement with its only snapshot o3-2025-04-16 (OpenAIGpt5O3AliasShutdown, and OpenAIDeprecations' row
            // listing the alias with its snapshot), like o3-pro below: calls sending "o3" fail on 2026-12-11 too.
            new ModelRow("openai", "o1", isReasoning: true, deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIReasoning),
            new ModelRow("openai", "o1-2024-12-17", isReasoning: true, deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILegacySnapshotsOctober2026Tracker),
            new ModelRow("openai", "o3", isAlias: true, snapshot: "o3-2025-04-16", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIGpt5O3AliasShutdown),
            new ModelRow("openai", "o3-mini", isAlias: true, snapshot: "o3-mini-2025-01-31", isReasoning: true, deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIO3MiniModel),
            new ModelRow("openai", "o4-mini", isAlias: true, snapshot: "o4-mini-2025-04-16", isReasoning: true, deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIO4MiniModel),
            // The dated snapshots code pins (Betalgo ships them as Models.O3_2025_04_16 ...): the lifecycle copy lists each
            // as the release of the o-series model above, a reasoning model like its alias. Their dates are the
            // announcements' (OpenAILegacySnapshotsOctober2026Tracker; OpenAIGpt5O3Shutdown for o3-2025-04-16).
            new ModelRow("openai", "o3-2025-04-16", isReasoning: true, deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAILifecycleCopy),
            new ModelRow("openai", "o4-mini-2025-04-16", isReasoning: true, deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILifecycleCopy),
            new ModelRow("openai", "o3-mini-2025-01-31", isReasoning: true, deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILifecycleCopy),
            // o1-pro and o3-pro: whether they reject sampling parameters is not read in these sources, so neither is
            // marked reasoning.
            new ModelRow("openai", "o1-pro", isAlias: true, snapshot: "o1-pro-2025-03-19", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILegacySnapshotsOctober2026Catalog),
            new ModelRow("openai", "o1-pro-2025-03-19", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILegacySnapshotsOctober2026Tracker),
            new ModelRow("openai", "o3-pro", isAlias: true, snapshot: "o3-pro-2025-06-10", deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIGpt5O3AliasShutdown),
            new ModelRow("openai", "o3-pro-2025-06-10", deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIGpt5O3Shutdown),
            new ModelRow("openai", "gpt-5-pro-2025-10-06", deprecationDate: "2026-06-11", shutdownDate: "2026-12-11", source: OpenAIGpt5O3Shutdown),

            // GPT-6 Astra: a reasoning model with no announced deprecation.
            new ModelRow("openai", "gpt-6-astra", isReasoning: true, source: OpenAIGpt6AstraSampling),
            // gpt-6-luna, the replacement the 2026-10-14 announcement names, is among the ids OpenAI's API reference lists;
            // whether it rejects sampling parameters is not read there, so it is not marked reasoning.
            new ModelRow("openai", "gpt-6-luna", source: OpenAIModelIdReference),

            // GPT-5.1: the undated id floats over its one dated id. OpenAI marks the model deprecated without a shutdown
            // date, so it is an alias (AIL0501), not deprecated (AIL0502): nothing fails until a shutdown is announced.
            // Its default reasoning effort is "none", under which sampling parameters are accepted: not marked reasoning.
            new ModelRow("openai", "gpt-5.1", isAlias: true, snapshot: "gpt-5.1-2025-11-13", source: OpenAIGpt51Model),
            new ModelRow("openai", "gpt-5.1-2025-11-13", source: OpenAIGpt51Model),

            // GPT-5.4 family (released 2026-03): each undated id floats over the dated one listed beside it; no deprecation
            // is announced for them. Whether they reject sampling parameters is not confirmed, so none is marked reasoning.
            new ModelRow("openai", "gpt-5.4", isAlias: true, snapshot: "gpt-5.4-2026-03-05", source: OpenAIGpt54Catalog),
            new ModelRow("openai", "gpt-5.4-2026-03-05", source: OpenAIGpt54Catalog),
            new ModelRow("openai", "gpt-5.4-mini", isAlias: true, snapshot: "gpt-5.4-mini-2026-03-17", source: OpenAIModelIdReference),
            new ModelRow("openai", "gpt-5.4-mini-2026-03-17", source: OpenAIModelIdReference),
            new ModelRow("openai", "gpt-5.4-nano", isAlias: true, snapshot: "gpt-5.4-nano-2026-03-17", source: OpenAIModelIdReference),
            new ModelRow("openai", "gpt-5.4-nano-2026-03-17", source: OpenAIModelIdReference),

            // gpt-4o floats over gpt-4o-2024-08-06, its model page's default snapshot, which the 2026-10-14 announcement
            // shuts down on 2027-01-14 (below): AIL0501 names that date and the replacement, and offers no pin.
            new ModelRow("openai", "gpt-4o", isAlias: true, snapshot: "gpt-4o-2024-08-06", source: OpenAIGpt4oModel),

            // gpt-4o-mini (the id public .NET code sends most), gpt-4.1 and gpt-4.1-mini float too. Their snapshots, and
            // both later gpt-4o snapshots, are in the 2026-10-14 announcement, shut down on 2027-01-14 with gpt-6-luna as
            // the replacement. The announcement names the dated snapshots only, so the aliases keep no date; AIL0501 names
            // the snapshot an alias points to with its shutdown date, and offers no fix pinning it.
            new ModelRow("openai", "gpt-4o-mini", isAlias: true, snapshot: "gpt-4o-mini-2024-07-18", source: OpenAIGpt4oMiniModel),
            new ModelRow("openai", "gpt-4.1", isAlias: true, snapshot: "gpt-4.1-2025-04-14", source: OpenAIAliasMap),
            new ModelRow("openai", "gpt-4.1-mini", isAlias: true, snapshot: "gpt-4.1-mini-2025-04-14", source: OpenAIAliasMap),
            new ModelRow("openai", "gpt-4o-2024-08-06", deprecationDate: "2026-10-14", shutdownDate: "2027-01-14", successor: "gpt-6-luna", source: OpenAIGpt4oGpt41Shutdown),
            new ModelRow("openai", "gpt-4o-2024-11-20", deprecationDate: "2026-10-14", shutdownDate: "2027-01-14", successor: "gpt-6-luna", source: OpenAIGpt4oGpt41Shutdown),
            new ModelRow("openai", "gpt-4o-mini-2024-07-18", deprecationDate: "2026-10-14", shutdownDate: "2027-01-14", successor: "gpt-6-luna", source: OpenAIGpt4oGpt41Shutdown),
            new ModelRow("openai", "gpt-4.1-2025-04-14", deprecationDate: "2026-10-14", shutdownDate: "2027-01-14", successor: "gpt-6-luna", source: OpenAIGpt4oGpt41Shutdown),
            new ModelRow("openai", "gpt-4.1-mini-2025-04-14", deprecationDate: "2026-10-14", shutdownDate: "2027-01-14", successor: "gpt-6-luna", source: OpenAIGpt4oGpt41Shutdown),
            // gpt-4.1-nano (an alias of gpt-4.1-nano-2025-04-14 by the alias map) and the first gpt-4o snapshot are in the
            // 2026-04-22 announcement, shut down on 2026-10-23, the nano snapshot with its alias (one row of the page).
            new ModelRow("openai", "gpt-4.1-nano", isAlias: true, snapshot: "gpt-4.1-nano-2025-04-14", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILegacySnapshotsOctober2026Proxy),
            new ModelRow("openai", "gpt-4.1-nano-2025-04-14", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILegacySnapshotsOctober2026Proxy),
            new ModelRow("openai", "gpt-4o-2024-05-13", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILegacySnapshotsOctober2026Tracker),

            // gpt-4-turbo is an alias: its model page names gpt-4-turbo-2024-04-09 as the default snapshot. The alias is in
            // the 2026-04-22 announcement, shut down on 2026-10-23 (OpenAILegacySnapshotsOctober2026Catalog, -Tracker,
            // -Proxy), with the snapshot it points to (one row of the page; the quotes name the alias).
            new ModelRow("openai", "gpt-4-turbo", isAlias: true, snapshot: "gpt-4-turbo-2024-04-09", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIGpt4TurboModel),
            new ModelRow("openai", "gpt-4-turbo-2024-04-09", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIGpt4TurboModel),

            // Legacy GPT snapshots, deprecated on 2026-04-22 with shutdown on 2026-10-23 (the page listed the alias
            // next to its snapshot). Replacements changed between versions of the page, so no successor is named.
            new ModelRow("openai", "gpt-3.5-turbo", isAlias: true, snapshot: "gpt-3.5-turbo-0125", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-3.5-turbo-0125", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-4", isAlias: true, snapshot: "gpt-4-0613", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-4-0613", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAIDeprecations),

            // Chat, Codex, search, computer-use and deep-research variants deprecated on 2026-04-22 and shut down on
            // 2026-07-23 (the page names a substitute for each, but several substitutes are themselves deprecated since,
            // so no successor is named), and the two later chat variants shut down on 2026-08-10. The audio, realtime and
            // speech snapshots of the same announcement are not chat models and are left out.
            new ModelRow("openai", "gpt-5-chat-latest", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-5.1-chat-latest", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-5-codex", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-5.1-codex", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-5.1-codex-max", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-5.1-codex-mini", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-5.2-codex", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-4o-search-preview-2025-03-11", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-4o-mini-search-preview-2025-03-11", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "computer-use-preview", isAlias: true, snapshot: "computer-use-preview-2025-03-11", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "computer-use-preview-2025-03-11", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "o3-deep-research", isAlias: true, snapshot: "o3-deep-research-2025-06-26", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "o3-deep-research-2025-06-26", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "o4-mini-deep-research", isAlias: true, snapshot: "o4-mini-deep-research-2025-06-26", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "o4-mini-deep-research-2025-06-26", deprecationDate: "2026-04-22", shutdownDate: "2026-07-23", source: OpenAIDeprecationsCopy20260422),
            new ModelRow("openai", "gpt-5.2-chat-latest", deprecationDate: "2026-05-08", shutdownDate: "2026-08-10", source: OpenAIDeprecationsCopy20260508),
            new ModelRow("openai", "gpt-5.3-chat-latest", deprecationDate: "2026-05-08", shutdownDate: "2026-08-10", source: OpenAIDeprecationsCopy20260508),

            // Image models: GetImageClient("dall-e-3") / new ImageClient("dall-e-2", key) fail since 2026-05-12, and
            // gpt-image-1 since 2026-10-23 (the 2026-04-22 announcement; OpenAILegacySnapshotsOctober2026Tracker, -Catalog).
            new ModelRow("openai", "gpt-image-1", deprecationDate: "2026-04-22", shutdownDate: "2026-10-23", source: OpenAILegacySnapshotsOctober2026Catalog),
            // gpt-image-1-mini, gpt-image-1.5 (listed with its dated id in one row of the page) and chatgpt-image-latest,
            // deprecated on 2026-06-02 and shut down on 2026-12-01 (OpenAIImageModelsShutdown). No successor: the
            // replacement's name differs between versions of the page.
            new ModelRow("openai", "gpt-image-1-mini", deprecationDate: "2026-06-02", shutdownDate: "2026-12-01", source: OpenAIImageModelsShutdown),
            new ModelRow("openai", "gpt-image-1.5", isAlias: true, snapshot: "gpt-image-1.5-2025-12-16", deprecationDate: "2026-06-02", shutdownDate: "2026-12-01", source: OpenAIImageModelsShutdown),
            new ModelRow("openai", "gpt-image-1.5-2025-12-16", deprecationDate: "2026-06-02", shutdownDate: "2026-12-01", source: OpenAIImageModelsShutdown),
            new ModelRow("openai", "chatgpt-image-latest", isAlias: true, deprecationDate: "2026-06-02", shutdownDate: "2026-12-01", source: OpenAIImageModelsShutdown),
            new ModelRow("openai", "dall-e-2", deprecationDate: "2025-11-14", shutdownDate: "2026-05-12", source: OpenAIDalle2Model),
            new ModelRow("openai", "dall-e-3", deprecationDate: "2025-11-14", shutdownDate: "2026-05-12", source: OpenAIDalle3Model),

            // Moderation models: a moved alias changes the category scores an app's thresholds were tuned on.
            new ModelRow("openai", "omni-moderation-latest", isAlias: true, snapshot: "omni-moderation-2024-09-26", source: OpenAIOmniModerationModel),
            new ModelRow("openai", "omni-moderation-2024-09-26", source: OpenAIOmniModerationModel),
            new ModelRow("openai", "text-moderation-latest", deprecationDate: "2025-04-28", shutdownDate: "2025-10-27", successor: "omni-moderation-2024-09-26", source: OpenAITextModerationModel),
            new ModelRow("openai", "text-moderation-stable", deprecationDate: "2025-04-28", shutdownDate: "2025-10-27", successor: "omni-moderation-2024-09-26", source: OpenAITextModerationModel),
            new ModelRow("openai", "text-moderation-007", deprecationDate: "2025-04-28", shutdownDate: "2025-10-27", successor: "omni-moderation-2024-09-26", source: OpenAITextModerationModel),

            // Older ids public .NET apps still send, all shut down before the compile date. The page recommends gpt-4o
            // (an alias), gpt-3.5-turbo or gpt-3.5-turbo-instruct (both shut down since) in their place, so no successor
            // is named and no fix is offered.
            new ModelRow("openai", "gpt-4-32k", deprecationDate: "2024-06-06", shutdownDate: "2025-06-06", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "gpt-4-32k-0613", deprecationDate: "2024-06-06", shutdownDate: "2025-06-06", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "gpt-4-32k-0314", deprecationDate: "2023-06-13", shutdownDate: "2025-06-06", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "gpt-4-vision-preview", deprecationDate: "2024-06-06", shutdownDate: "2024-12-06", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "gpt-4-1106-vision-preview", deprecationDate: "2024-06-06", shutdownDate: "2024-12-06", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "gpt-4-0314", shutdownDate: "2026-03-26", source: OpenAILegacySnapshots2026),
            new ModelRow("openai", "gpt-4-1106-preview", shutdownDate: "2026-03-26", source: OpenAILegacySnapshots2026),
            new ModelRow("openai", "gpt-4-0125-preview", shutdownDate: "2026-03-26", source: OpenAILegacySnapshots2026),
            new ModelRow("openai", "gpt-4-turbo-preview", shutdownDate: "2026-03-26", source: OpenAILegacySnapshots2026),
            new ModelRow("openai", "gpt-3.5-turbo-1106", shutdownDate: "2026-09-28", source: OpenAILegacySnapshotsNotice20250926),
            new ModelRow("openai", "gpt-3.5-turbo-instruct", shutdownDate: "2026-09-28", source: OpenAIInstructRetirement),
            new ModelRow("openai", "davinci-002", shutdownDate: "2026-09-28", source: OpenAIDavinci002Tracker),
            new ModelRow("openai", "gpt-3.5-turbo-0301", deprecationDate: "2023-06-13", shutdownDate: "2024-09-13", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "gpt-3.5-turbo-0613", deprecationDate: "2023-11-06", shutdownDate: "2024-09-13", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "gpt-3.5-turbo-16k-0613", deprecationDate: "2023-11-06", shutdownDate: "2024-09-13", source: OpenAIDeprecationHistory),
            // Shut down in 2025: gpt-4.5-preview (deprecated 2025-04-14), o1-preview and o1-mini (deprecated 2025-04-28),
            // both o1 models reasoning models. The page recommended gpt-4.1, o3 and o4-mini, each deprecated or shut down
            // since, so no successor is named.
            new ModelRow("openai", "gpt-4.5-preview", isAlias: true, snapshot: "gpt-4.5-preview-2025-02-27", deprecationDate: "2025-04-14", shutdownDate: "2025-07-14", source: OpenAIDeprecations),
            new ModelRow("openai", "gpt-4.5-preview-2025-02-27", deprecationDate: "2025-04-14", shutdownDate: "2025-07-14", source: OpenAILifecycleCopy),
            new ModelRow("openai", "o1-preview", isAlias: true, snapshot: "o1-preview-2024-09-12", isReasoning: true, deprecationDate: "2025-04-28", shutdownDate: "2025-07-28", source: OpenAIDeprecations),
            new ModelRow("openai", "o1-preview-2024-09-12", isReasoning: true, deprecationDate: "2025-04-28", shutdownDate: "2025-07-28", source: OpenAILifecycleCopy),
            new ModelRow("openai", "o1-mini", isAlias: true, snapshot: "o1-mini-2024-09-12", isReasoning: true, deprecationDate: "2025-04-28", shutdownDate: "2025-10-27", source: OpenAIDeprecations),
            new ModelRow("openai", "o1-mini-2024-09-12", isReasoning: true, deprecationDate: "2025-04-28", shutdownDate: "2025-10-27", source: OpenAILifecycleCopy),
            new ModelRow("openai", "text-davinci-003", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "text-davinci-002", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "text-davinci-001", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "text-curie-001", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "text-babbage-001", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "text-ada-001", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "text-davinci-edit-001", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),
            new ModelRow("openai", "code-davinci-edit-001", deprecationDate: "2023-07-06", shutdownDate: "2024-01-04", source: OpenAIDeprecationHistory),

            // ---- Anthropic ----
            new ModelRow("anthropic", "claude-instant-1.2", deprecationDate: "2024-09-04", shutdownDate: "2024-11-06", source: AnthropicDeprecations),
            new ModelRow("anthropic", "claude-2.0", deprecationDate: "2025-01-21", shutdownDate: "2025-07-21", source: AnthropicDeprecations),
            new ModelRow("anthropic", "claude-2.1", deprecationDate: "2025-01-21", shutdownDate: "2025-07-21", source: AnthropicDeprecations),
            new ModelRow("anthropic", "claude-3-sonnet-20240229", deprecationDate: "2025-01-21", shutdownDate: "2025-07-21", source: AnthropicDeprecations),
            new ModelRow("anthropic", "claude-3-opus-20240229", deprecationDate: "2025-06-30", shutdownDate: "2026-01-05", source: AnthropicDeprecations),
            new ModelRow("anthropic", "claude-3-5-sonnet-20240620", shutdownDate: "2025-10-28", source: AnthropicReleaseNotes),
            new ModelRow("anthropic", "claude-3-5-sonnet-20241022", shutdownDate: "2025-10-28", source: AnthropicReleaseNotes),
            // The alias named a Claude Sonnet 3.5 model, and the release notes of 2025-10-28 say every request to the
            // Sonnet 3.5 models now returns an error: the alias is retired with its snapshots (no snapshot is left to pin).
            new ModelRow("anthropic", "claude-3-5-sonnet-latest", isAlias: true, shutdownDate: "2025-10-28", source: AnthropicReleaseNotes),

            // Claude 3.x models public apps still name, retired in 2026. The page's replacements differ between its
            // versions (claude-opus-4-6, claude-sonnet-4-6, claude-haiku-4-5-20251001), so no successor is named.
            new ModelRow("anthropic", "claude-3-7-sonnet-20250219", deprecationDate: "2025-10-28", shutdownDate: "2026-02-19", source: AnthropicDeprecations2026),
            new ModelRow("anthropic", "claude-3-5-haiku-20241022", deprecationDate: "2025-12-19", shutdownDate: "2026-02-19", source: AnthropicDeprecations2026),
            new ModelRow("anthropic", "claude-3-haiku-20240307", deprecationDate: "2026-02-19", shutdownDate: "2026-04-20", source: AnthropicDeprecations2026),
            new ModelRow("anthropic", "claude-sonnet-4-20250514", shutdownDate: "2026-06-15", successor: "claude-sonnet-4-6", source: AnthropicReleaseNotes2026),
            new ModelRow("anthropic", "claude-opus-4-20250514", shutdownDate: "2026-06-15", source: AnthropicReleaseNotes2026),
            // The Claude 4.0 aliases went with their only snapshots.
            new ModelRow("anthropic", "claude-sonnet-4-0", isAlias: true, shutdownDate: "2026-06-15", successor: "claude-sonnet-4-6", source: AnthropicClaude40Aliases),
            new ModelRow("anthropic", "claude-opus-4-0", isAlias: true, shutdownDate: "2026-06-15", source: AnthropicClaude40Aliases),
            new ModelRow("anthropic", "claude-sonnet-4-6", source: AnthropicReleaseNotes2026),
            new ModelRow("anthropic", "claude-sonnet-4-5-20250929", shutdownDate: "2026-11-30", rejectsTemperatureWithTopP: true, source: AnthropicSonnet45Overview),
            new ModelRow("anthropic", "claude-sonnet-4-5", isAlias: true, shutdownDate: "2026-11-30", rejectsTemperatureWithTopP: true, source: AnthropicSonnet45AliasRetirement),
            new ModelRow("anthropic", "claude-sonnet-5", isReasoning: true, source: AnthropicSonnet5WhatsNew),
            new ModelRow("anthropic", "claude-opus-5-5", isReasoning: true, source: AnthropicOpus55Migration),
            new ModelRow("anthropic", "claude-haiku-4-5", isAlias: true, snapshot: "claude-haiku-4-5-20251001", rejectsTemperatureWithTopP: true, source: AnthropicModelsOverview),
            new ModelRow("anthropic", "claude-haiku-4-5-20251001", rejectsTemperatureWithTopP: true, source: AnthropicHaiku45Migration),
            // Claude Opus 4.1, alias and snapshot, retired on 2026-08-05 (AnthropicOpus41Retirement); it rejected
            // temperature with top_p (AnthropicSamplerErrorOpus41), which no longer matters once AIL0503 reports it.
            new ModelRow("anthropic", "claude-opus-4-1", isAlias: true, deprecationDate: "2026-06-05", shutdownDate: "2026-08-05", rejectsTemperatureWithTopP: true, source: AnthropicOpus41Retirement),
            new ModelRow("anthropic", "claude-opus-4-1-20250805", deprecationDate: "2026-06-05", shutdownDate: "2026-08-05", rejectsTemperatureWithTopP: true, source: AnthropicOpus41Retirement),

            // ---- Google Gemini ----
            // Only dates the page gives as exact days; "earliest" shutdown months are not dates and are left out.
            new ModelRow("gemini", "gemini-2.5-pro-preview-03-25", shutdownDate: "2025-12-02", successor: "gemini-3.1-pro-preview", source: GeminiDeprecations),
            new ModelRow("gemini", "gemini-2.5-pro-preview-05-06", shutdownDate: "2025-12-02", successor: "gemini-3.1-pro-preview", source: GeminiDeprecations),
            new ModelRow("gemini", "gemini-2.5-pro-preview-06-05", shutdownDate: "2025-12-02", successor: "gemini-3.1-pro-preview", source: GeminiDeprecations),
            new ModelRow("gemini", "gemini-3-pro-preview", shutdownDate: "2026-03-09", successor: "gemini-3.1-pro-preview", source: GeminiDeprecations),
            new ModelRow("gemini", "gemini-3.1-pro-preview", source: GeminiDeprecations),
            new ModelRow("gemini", "gemini-2.0-flash-live-001", shutdownDate: "2025-12-09", source: GeminiDeprecations));
    }
}
