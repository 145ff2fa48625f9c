using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A feature-to-model table kept in a fixed dictionary whose values a model slot reads: each constant value is an id the
/// app sends for some feature (only the key's own value when the key is a constant), reported on the value.
/// </summary>
public class DictionaryModelIdTests
{
    [Fact]
    public Task Values_of_a_fixed_dictionary_read_into_a_slot_are_reported() =>
        VerifyAsync("""
            using System.Collections.Frozen;
            using System.Collections.Generic;
            using OpenAI;
            using OpenAI.Chat;
            static class Models
            {
                public static readonly IReadOnlyDictionary<string, string> ByFeature = new Dictionary<string, string>
                {
                    ["chat"] = "gpt-5.5-2026-04-23",
                    ["summarize"] = {|#0:"gpt-3.5-turbo-0613"|},
                };

                public static readonly FrozenDictionary<string, string> ByTier = new Dictionary<string, string>
                {
                    { "fast", {|#1:"gpt-4-0613"|} },
                    { "legacy", {|#2:"gpt-3.5-turbo-0613"|} },
                }.ToFrozenDictionary();
            }

            class Router(OpenAIClient client)
            {
                private static readonly Dictionary<string, string> Unused = new() { ["old"] = "gpt-4-0613" };

                ChatClient Summaries() => client.GetChatClient(Models.ByFeature["summarize"]);
                ChatClient Again() => client.GetChatClient(Models.ByFeature["summarize"]);
                ChatClient Chat() => client.GetChatClient(Models.ByFeature["chat"]);

                ChatClient ForTier(string tier)
                {
                    if (Models.ByTier.TryGetValue(tier, out var model))
                    {
                        return client.GetChatClient(model);
                    }

                    return client.GetChatClient("gpt-5.5-2026-04-23");
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-3.5-turbo-0613", "2024-09-13", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4-0613", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-3.5-turbo-0613", "2024-09-13", ""));

    // The correct code next to it: a dictionary only displayed, a price table keyed by model, a dictionary that the
    // code fills or changes elsewhere, a mutable dictionary property, and a lookup whose result is replaced.
    [Fact]
    public Task Dictionaries_that_are_not_fixed_model_tables_read_into_a_slot_are_not_reported() =>
        VerifyAsync("""
            using System;
            using System.Collections.Generic;
            using OpenAI;
            using OpenAI.Chat;
            class Router(OpenAIClient client)
            {
                private static readonly Dictionary<string, string> DisplayNames = new() { ["gpt-3.5-turbo-0613"] = "GPT 3.5 (June)" };
                private static readonly Dictionary<string, decimal> Prices = new() { ["gpt-4-0613"] = 30m };
                private static readonly Dictionary<string, string> Overridden = new() { ["summarize"] = "gpt-3.5-turbo-0613" };
                private readonly Dictionary<string, string> filled = new();
                public Dictionary<string, string> Settable { get; set; } = new() { ["chat"] = "gpt-4-0613" };

                void Show()
                {
                    foreach (var pair in DisplayNames) Console.WriteLine(pair.Value);
                    Console.WriteLine(Prices["gpt-4-0613"]);
                    Overridden["summarize"] = "gpt-5.5-2026-04-23";
                    filled.Add("chat", "gpt-3.5-turbo-0613");
                }

                ChatClient A() => client.GetChatClient(Overridden["summarize"]);
                ChatClient B() => client.GetChatClient(filled["chat"]);
                ChatClient C() => client.GetChatClient(Settable["chat"]);

                ChatClient D(string feature)
                {
                    var models = new Dictionary<string, string> { ["x"] = "gpt-3.5-turbo-0613" };
                    if (!models.TryGetValue(feature, out var model))
                    {
                        model = "gpt-5.5-2026-04-23";
                    }

                    model = model.Replace("3.5", "4.1");
                    return client.GetChatClient(model);
                }
            }
            """);

    [Fact]
    public Task A_local_table_is_read_with_its_constant_key() =>
        VerifyAsync("""
            using System.Collections.Generic;
            using OpenAI;
            using OpenAI.Chat;
            class Router
            {
                ChatClient Pick(OpenAIClient client)
                {
                    var models = new Dictionary<string, string> { ["old"] = {|#0:"gpt-4-0613"|}, ["new"] = "gpt-5.5-2026-04-23" };
                    var other = new Dictionary<string, string> { ["old"] = "gpt-3.5-turbo-0613", ["new"] = "gpt-5.5-2026-04-23" };
                    client.GetChatClient(other["new"]);
                    return client.GetChatClient(models["old"]);
                }
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4-0613", "2026-10-23", ""));
}
