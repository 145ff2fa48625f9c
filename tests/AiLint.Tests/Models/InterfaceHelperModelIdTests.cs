using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using static AiLint.Tests.Models.ModelTestHelpers;

namespace AiLint.Tests.Models;

/// <summary>
/// A constant id handed to a project helper through a method of the project's own interface (review61,
/// DocTranslator.LLM LlmProviderFactory.cs:38): <c>chatClientFactory.CreateOpenAi(key, ModelOrDefault("ENV", Default))</c>
/// where the interface's only implementation does <c>new ChatClient(model, apiKey)</c>. Followed only where the path
/// is unique: one implementation in the project, non-virtual; a helper that returns its parameter unchanged.
/// </summary>
public class InterfaceHelperModelIdTests
{
    private const string Factory = """
        public interface IChatClientFactory
        {
            IChatClient CreateOpenAi(string apiKey, string model);
        }

        public sealed class ChatClientFactory : IChatClientFactory
        {
            public IChatClient CreateOpenAi(string apiKey, string model) =>
                new OpenAI.Chat.ChatClient(model, apiKey).AsIChatClient();
        }
        """;

    // The repro (Repro/ModelIdThroughFactoryParameter): line 26 was quiet, its twin on line 29 reported.
    [Fact]
    public Task A_default_id_through_an_env_fallback_helper_and_the_interfaces_only_implementation_is_reported() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.AI;

            """ + Factory + """

            public sealed class ProviderFactory(IChatClientFactory chatClientFactory)
            {
                private const string DefaultOpenAiModel = "gpt-5-mini";

                public IChatClient Create(string apiKey) =>
                    chatClientFactory.CreateOpenAi(apiKey, {|#0:ModelOrDefault("INPUT_OPENAI_MODEL", DefaultOpenAiModel)|});

                public IChatClient CreateDirect(string apiKey) =>
                    new OpenAI.Chat.ChatClient({|#1:DefaultOpenAiModel|}, apiKey).AsIChatClient();

                private static string ModelOrDefault(string envVarName, string defaultModel)
                {
                    var value = Environment.GetEnvironmentVariable(envVarName);
                    return string.IsNullOrWhiteSpace(value) ? defaultModel : value;
                }
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5-mini", "2026-12-11", ""),
            Diagnostic("AIL0502").WithLocation(1).WithArguments("gpt-5-mini", "2026-12-11", ""));

    // Each hop on its own: a constant through the interface, an explicit implementation, and the env-fallback helper at
    // the SDK's own slot or at an ordinary helper's parameter.
    [Fact]
    public Task Each_hop_on_its_own_is_reported() =>
        VerifyAsync("""
            using System;
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            """ + Factory + """

            public interface IModelClients { ChatClient Chat(string model, string key); }
            internal class ModelClients : IModelClients
            {
                ChatClient IModelClients.Chat(string model, string key) => new ChatClient(model, key);
            }

            public sealed class Callers(IChatClientFactory factory, IModelClients clients)
            {
                private const string Legacy = "gpt-4";

                public IChatClient A(string key) => factory.CreateOpenAi(key, {|#0:"gpt-5-mini"|});
                public ChatClient B(string key) => clients.Chat({|#1:Legacy|}, key);
                public ChatClient C(string key) => new ChatClient({|#2:Env("OPENAI_MODEL", Legacy)|}, key);
                public ChatClient D(string key) => Ask({|#3:Env("OPENAI_MODEL", "gpt-4o")|}, key);

                private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;
                private static ChatClient Ask(string model, string key) => new ChatClient(model, key);
            }
            """,
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5-mini", "2026-12-11", ""),
            Diagnostic("AIL0503").WithLocation(1).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0503").WithLocation(2).WithArguments("gpt-4", "2026-10-23", ""),
            Diagnostic("AIL0501").WithLocation(3).WithArguments("gpt-4o", ModelTestHelpers.Gpt4oPointer));

    // Beside it, paths that are not unique stay quiet: two implementations (the real one and a fake), a virtual
    // implementation a subclass may override, an implementation that sends the id to Azure, a generic interface, and a
    // value from outside (a parameter, configuration, a helper that rewrites its parameter). The single
    // implementation's twin in the same project is reported.
    [Fact]
    public Task Paths_that_are_not_unique_or_values_from_outside_are_not_reported() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using OpenAI;
            using OpenAI.Chat;

            public interface ITwoFactories { IChatClient Create(string model, string key); }
            public sealed class RealFactory : ITwoFactories
            {
                public IChatClient Create(string model, string key) => new ChatClient(model, key).AsIChatClient();
            }
            public sealed class FakeFactory : ITwoFactories
            {
                public IChatClient Create(string model, string key) => throw new NotSupportedException(model);
            }

            public interface IVirtualFactory { ChatClient Create(string model, string key); }
            public class VirtualFactory : IVirtualFactory
            {
                public virtual ChatClient Create(string model, string key) => new ChatClient(model, key);
            }

            public interface IAzureFactory { ChatClient Create(string deployment); }
            public sealed class AzureFactory(AzureOpenAIClient azure) : IAzureFactory
            {
                public ChatClient Create(string deployment) => azure.GetChatClient(deployment);
            }

            public interface IGeneric<T> { ChatClient Create(string model, T key); }
            public sealed class Generic : IGeneric<string>
            {
                public ChatClient Create(string model, string key) => new ChatClient(model, key);
            }

            public interface ISingle { ChatClient Create(string model, string key); }
            public sealed class Single : ISingle
            {
                public ChatClient Create(string model, string key) => new ChatClient(model, key);
            }

            public sealed class Callers(ITwoFactories two, IVirtualFactory virtualFactory, IAzureFactory azure, IGeneric<string> generic, ISingle single, IConfiguration config)
            {
                public IChatClient A(string key) => two.Create("gpt-5-mini", key);
                public ChatClient B(string key) => virtualFactory.Create("gpt-5-mini", key);
                public ChatClient C() => azure.Create("gpt-5-mini");
                public ChatClient D(string key) => generic.Create("gpt-5-mini", key);
                public ChatClient E(string model, string key) => single.Create(model, key);
                public ChatClient F(string key) => single.Create(config["OpenAI:Model"]!, key);
                public ChatClient G(string key) => single.Create(Pick(config["OpenAI:Model"], "gpt-4"), key);
                public ChatClient H(string key) => single.Create(Rewritten("gpt-4"), key);
                public ChatClient I(string key) => single.Create("gpt-5.5-2026-04-23", key);
                public ChatClient J(string key) => new ChatClient(Pick(config["OpenAI:Model"], "gpt-4"), key);
                public ChatClient Twin(string key) => single.Create({|#0:"gpt-5-mini"|}, key);

                private static string Pick(string? configured, string fallback) => configured ?? fallback;
                private static string Rewritten(string model)
                {
                    model = model.Replace("gpt-4", "gpt-5.5-2026-04-23");
                    return model;
                }
            }
            """,
            new[] { ("appsettings.json", """{ "OpenAI": { "Model": "gpt-5.5" } }""") },
            Diagnostic("AIL0502").WithLocation(0).WithArguments("gpt-5-mini", "2026-12-11", ""));

    // A project that also hands out an OpenAI client for a local server: the interface's client may be that one.
    [Fact]
    public Task An_interface_path_in_a_project_that_points_OpenAI_elsewhere_is_not_reported() =>
        VerifyAsync("""
            using System;
            using System.ClientModel;
            using Microsoft.Extensions.AI;
            using OpenAI;
            using OpenAI.Chat;

            public interface IChats { ChatClient Create(OpenAIClient client, string model); }
            public sealed class Chats : IChats
            {
                public ChatClient Create(OpenAIClient client, string model) => client.GetChatClient(model);
            }
            public static class Setup
            {
                public static OpenAIClient Local() =>
                    new OpenAIClient(new ApiKeyCredential("ollama"), new OpenAIClientOptions { Endpoint = new Uri("http://localhost:11434/v1") });
            }
            public sealed class Callers(IChats chats, OpenAIClient client)
            {
                public ChatClient A() => chats.Create(client, "gpt-4");
            }
            """);

    [Fact]
    public Task Half_typed_interface_paths_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            TestCode = """
                using System;
                using OpenAI.Chat;
                public interface IChats { ChatClient Create(string model, string key); ChatClient Broken(string model; }
                public sealed class Chats : IChats, IMissing
                {
                    public ChatClient Create(string model, string key) => new ChatClient(model, key);
                }
                public sealed class Callers(IChats chats)
                {
                    public ChatClient A(string key) => chats.Create(Env("X", ), key);
                    public ChatClient B(string key) => chats.Broken("gpt-4");
                    public ChatClient C(string key) => chats.Create(Env(, "gpt-4"), key);
                    public ChatClient D(string key) => chats.Missing("gpt-4", key);
                    public ChatClient E(string key) => chats.Create({|#0:"gpt-4"|}, key);
                    private static string Env(string name, string fallback) => Environment.GetEnvironmentVariable(name) ?? fallback;
                }
                """,
            CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        };
        test.ExpectedDiagnostics.Add(Diagnostic("AIL0503").WithLocation(0).WithArguments("gpt-4", "2026-10-23", ""));
        return test.RunAsync();
    }
}
