using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// False-positive hunt on ids a project helper returns (<c>client.GetChatClient(ModelFor(tier))</c>): a call that passes
/// a constant (<c>ModelFor(Tier.Fast)</c>) only gets the branch that constant picks, so the ids of the other branches
/// are not reported there; a call with a value only known at run time still gets every branch checked.
/// </summary>
public class HelperArgumentFalsePositiveTests
{
    [Fact]
    public Task A_constant_argument_picks_one_branch_of_the_helper() =>
        VerifyAsync("""
            using System;
            using OpenAI;
            using OpenAI.Chat;
            public enum Tier { Fast, Smart, Legacy }
            static class ModelCatalog
            {
                public static string For(Tier tier) => tier switch
                {
                    Tier.Fast => "gpt-5.2",
                    Tier.Smart => "gpt-5.5",
                    Tier.Legacy => "gpt-4",
                    _ => throw new ArgumentOutOfRangeException(nameof(tier)),
                };

                public static string ByStatement(Tier tier)
                {
                    switch (tier)
                    {
                        case Tier.Fast:
                            return "gpt-5.2";
                        case Tier.Legacy:
                            return "gpt-3.5-turbo";
                        default:
                            throw new ArgumentOutOfRangeException(nameof(tier));
                    }
                }

                public static string ByIf(Tier tier)
                {
                    if (tier == Tier.Legacy)
                    {
                        return "gpt-4";
                    }

                    return "gpt-5.5";
                }

                public static string ByFlag(bool cheap) => cheap ? "gpt-3.5-turbo" : "gpt-5.5";
            }
            class Chat(OpenAIClient client, Tier configured)
            {
                ChatClient Fast() => client.GetChatClient(ModelCatalog.For(Tier.Fast));
                ChatClient Smart() => client.GetChatClient(ModelCatalog.For(Tier.Smart));
                ChatClient FastByStatement() => client.GetChatClient(ModelCatalog.ByStatement(Tier.Fast));
                ChatClient SmartByIf() => client.GetChatClient(ModelCatalog.ByIf(Tier.Smart));
                ChatClient NotCheap() => client.GetChatClient(ModelCatalog.ByFlag(false));

                ChatClient Legacy() => client.GetChatClient({|#0:ModelCatalog.For(Tier.Legacy)|});
                ChatClient LegacyByStatement() => client.GetChatClient({|#1:ModelCatalog.ByStatement(Tier.Legacy)|});
                ChatClient LegacyByIf() => client.GetChatClient({|#2:ModelCatalog.ByIf(Tier.Legacy)|});
                ChatClient Cheap() => client.GetChatClient({|#3:ModelCatalog.ByFlag(true)|});
                ChatClient Configured() => client.GetChatClient({|#4:ModelCatalog.For(configured)|});
            }
            """,
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(3).WithArguments("gpt-3.5-turbo", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(4).WithArguments("gpt-4", "2026-10-23", ""));

    // One helper for every provider the app supports: the arm for a local server (or an Azure deployment name) is not
    // what the OpenAI call gets, and an Ollama call's ids are not OpenAI's.
    [Fact]
    public Task A_helper_for_many_providers_is_judged_by_the_provider_the_call_passes() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;
            public enum Provider { OpenAI, Ollama, Azure }
            static class Defaults
            {
                public static string ModelFor(Provider provider) => provider switch
                {
                    Provider.Ollama => "llama3.1",
                    Provider.Azure => "gpt-35-turbo",
                    Provider.OpenAI => "gpt-5.5",
                    _ => throw new NotSupportedException(),
                };

                public static string Guarded(Provider provider, bool legacy) => provider switch
                {
                    Provider.OpenAI when legacy => "gpt-4",
                    _ => "gpt-5.5",
                };
            }
            class Chat(OpenAIClient openAI, IChatClient ollama)
            {
                ChatClient OpenAIChat() => openAI.GetChatClient(Defaults.ModelFor(Provider.OpenAI));
                ChatOptions OllamaOptions() => new ChatOptions { ModelId = Defaults.ModelFor(Provider.Ollama) };
                ChatClient LocalServer() =>
                    new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") })
                        .GetChatClient(Defaults.ModelFor(Provider.Ollama));
                ChatClient Modern() => openAI.GetChatClient(Defaults.Guarded(Provider.OpenAI, legacy: false));
            }
            """);

    // A helper that maps a display name to the id, or a configured id with a constant fallback the settings files set.
    [Fact]
    public Task Display_name_helpers_and_configured_fallbacks() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;
            class Chat(OpenAIClient client, IConfiguration configuration)
            {
                static string IdFor(string display) => display switch
                {
                    "GPT-4 (legacy)" => "gpt-4",
                    "GPT-5.5" => "gpt-5.5",
                    _ => throw new ArgumentException("unknown model", nameof(display)),
                };

                static string DisplayFor(string id) => id switch { "gpt-4" => "GPT-4 (legacy)", _ => id };

                string Configured() => configuration["OpenAI:Model"] ?? "gpt-4";

                ChatClient Picked() => client.GetChatClient(IdFor("GPT-5.5"));
                ChatClient PickedLegacy() => client.GetChatClient({|#0:IdFor("GPT-4 (legacy)")|});
                ChatClient FromSettings() => client.GetChatClient(Configured());
                void Show() => Console.WriteLine(DisplayFor("gpt-4"));
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-5.5" } }""") },
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));

    [Fact]
    public Task Half_typed_constant_arguments_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using OpenAI;
                using OpenAI.Chat;
                class Chat(OpenAIClient client)
                {
                    static string Pick(int tier)
                    {
                        switch (tier) { case : return "gpt-4"; case 2 return "gpt-5.5"; }
                        if (tier == ) return "gpt-4";
                        return tier switch { > 3 => "gpt-4", 1 => , _ => "gpt-5.5" };
                    }
                    // An `if` whose condition cannot be read may run: its id counts.
                    ChatClient A() => client.GetChatClient({|#0:Pick(1)|});
                    ChatClient B() => client.GetChatClient(Pick(Missing));
                }
                """,
        };
        test.CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
        return test.RunAsync();
    }
}

/// <summary>
/// Helpers that return a configured id with a constant fallback the settings files set, or an Azure deployment name:
/// the fallback never runs and the deployment is not OpenAI's model. Next to them, the same helper in a project whose
/// settings do not set the key is reported.
/// </summary>
public class ConfiguredHelperFalsePositiveTests
{
    private const string Code = """
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.Configuration;
        using OpenAI;
        using OpenAI.Chat;
        class Chat(OpenAIClient client, AzureOpenAIClient azure, IConfiguration config)
        {
            string Checked()
            {
                var configured = config["OpenAI:Model"];
                return string.IsNullOrEmpty(configured) ? "gpt-4" : configured;
            }

            string Typed() => config.GetValue<string>("OpenAI:Model") ?? "gpt-4";
            string Section() => config.GetSection("OpenAI")["Model"] ?? "gpt-4";
            static string Deployment() => "gpt-4";

            ChatClient A() => client.GetChatClient(Checked());
            ChatClient B() => client.GetChatClient(Typed());
            ChatClient C() => client.GetChatClient(Section());
            ChatClient D() => azure.GetChatClient(Deployment());
        }
        """;

    [Fact]
    public Task Configured_fallbacks_the_settings_set_and_deployments_are_not_reported() =>
        VerifyAsync(Code, new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-5.5" } }""") });
}

/// <summary>The same configured fallback written as a conditional at the slot, with and without the key set.</summary>
public class ConfiguredConditionalFallbackTests
{
    private const string Code = """
        using Microsoft.Extensions.Configuration;
        using OpenAI;
        using OpenAI.Chat;
        class Chat(OpenAIClient client, IConfiguration config)
        {
            ChatClient A()
            {
                var configured = config["OpenAI:Model"];
                return client.GetChatClient(string.IsNullOrEmpty(configured) ? {|#0:"gpt-4"|} : configured);
            }
        }
        """;

    [Fact]
    public Task A_fallback_the_settings_set_is_not_reported() =>
        VerifyAsync(Code.Replace("{|#0:\"gpt-4\"|}", "\"gpt-4\""), new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-5.5" } }""") });

    [Fact]
    public Task A_fallback_the_settings_do_not_set_is_reported() =>
        VerifyAsync(Code, new[] { ("appsettings.json", """{ "Logging": { "LogLevel": { "Default": "Information" } } }""") },
            Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
}
