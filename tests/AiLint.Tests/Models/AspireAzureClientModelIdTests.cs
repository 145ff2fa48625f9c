using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Models;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AiLint.Tests.Models;

/// <summary>
/// Aspire.Azure.AI.OpenAI's <c>builder.AddAzureOpenAIClient("openai")</c> registers an <c>AzureOpenAIClient</c> and the
/// same instance as <c>OpenAIClient</c>, so <c>sp.GetRequiredService&lt;OpenAIClient&gt;().GetChatClient(name)</c> (or
/// an injected <c>OpenAIClient</c>) sends an Azure deployment name, which AIL0501 does not check (the shape of
/// Azure-Samples/eShopLite scenarios/13-AgentFramework ShoppingAssistantAgent/Program.cs). The registration's body is in
/// a package, so it is recognised by symbol. Aspire.OpenAI's <c>AddOpenAIClient("openai")</c> registers OpenAI's own
/// client: with it (alone, or beside the Azure one) the ids stay checked.
/// </summary>
public class AspireAzureClientModelIdTests
{
    // Stands in for the Aspire.Azure.AI.OpenAI package, which the mirror does not serve: the public signatures of
    // dotnet/aspire src/Components/Aspire.Azure.AI.OpenAI/AspireAzureOpenAIExtensions.cs (AddAzureOpenAIClient,
    // AddKeyedAzureOpenAIClient, returning AspireAzureOpenAIClientBuilder) and AspireConfigurableOpenAIExtensions.cs
    // (AddOpenAIClientFromConfiguration: OpenAI's or Azure's client, chosen from the connection string). Compiled into
    // its own assembly so the app sees it as metadata, as it sees the package; the bodies are never read.
    private const string AspireAzureOpenAI = """
        #nullable enable
        using System;
        using Azure.AI.OpenAI;
        using Azure.Core.Extensions;

        namespace Aspire.Azure.AI.OpenAI
        {
            public sealed class AzureOpenAISettings
            {
                public Uri? Endpoint { get; set; }
                public string? Key { get; set; }
                public bool DisableTracing { get; set; }
            }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public class AspireAzureOpenAIClientBuilder
            {
            }

            public static class AspireAzureOpenAIExtensions
            {
                public static AspireAzureOpenAIClientBuilder AddAzureOpenAIClient(
                    this IHostApplicationBuilder builder,
                    string connectionName,
                    Action<global::Aspire.Azure.AI.OpenAI.AzureOpenAISettings>? configureSettings = null,
                    Action<IAzureClientBuilder<AzureOpenAIClient, AzureOpenAIClientOptions>>? configureClientBuilder = null) =>
                    throw new NotImplementedException();

                public static AspireAzureOpenAIClientBuilder AddKeyedAzureOpenAIClient(
                    this IHostApplicationBuilder builder,
                    string name,
                    Action<global::Aspire.Azure.AI.OpenAI.AzureOpenAISettings>? configureSettings = null,
                    Action<IAzureClientBuilder<AzureOpenAIClient, AzureOpenAIClientOptions>>? configureClientBuilder = null) =>
                    throw new NotImplementedException();
            }

            public static class AspireConfigurableOpenAIExtensions
            {
                public static void AddOpenAIClientFromConfiguration(this IHostApplicationBuilder builder, string connectionName) =>
                    throw new NotImplementedException();
            }
        }
        """;

    // Stands in for the Aspire.OpenAI package (not served either): the public signature of dotnet/aspire
    // src/Components/Aspire.OpenAI/AspireOpenAIExtensions.cs, which registers OpenAI's own OpenAIClient.
    private const string AspireOpenAI = """
        #nullable enable
        using System;
        using OpenAI;

        namespace Aspire.OpenAI
        {
            public sealed class OpenAISettings
            {
                public Uri? Endpoint { get; set; }
                public string? Key { get; set; }
            }
        }

        namespace Microsoft.Extensions.Hosting
        {
            public class AspireOpenAIClientBuilder
            {
            }

            public static class AspireOpenAIExtensions
            {
                public static AspireOpenAIClientBuilder AddOpenAIClient(
                    this IHostApplicationBuilder builder,
                    string connectionName,
                    Action<global::Aspire.OpenAI.OpenAISettings>? configureSettings = null,
                    Action<OpenAIClientOptions>? configureOptions = null) =>
                    throw new NotImplementedException();

                public static AspireOpenAIClientBuilder AddKeyedOpenAIClient(
                    this IHostApplicationBuilder builder,
                    string name,
                    Action<global::Aspire.OpenAI.OpenAISettings>? configureSettings = null,
                    Action<OpenAIClientOptions>? configureOptions = null) =>
                    throw new NotImplementedException();
            }
        }
        """;

    // The review's repro (eShopLite 13): a deployment name read from configuration with a fallback, given to the
    // OpenAIClient resolved from the container, plus a service injected with the OpenAIClient.
    private const string App = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using OpenAI;
        using OpenAI.Chat;

        public static class Program
        {
            public static void Main(string[] args)
            {
                var builder = WebApplication.CreateBuilder(args);

                var chatDeploymentName = builder.Configuration["OpenAI:DeploymentName"] ?? FALLBACK;
                REGISTRATION

                builder.Services.AddSingleton<IChatClient>(sp =>
                    sp.GetRequiredService<OpenAIClient>().GetChatClient(chatDeploymentName).AsIChatClient());

                builder.Build().Run();
            }
        }

        public sealed class Planner(OpenAIClient client)
        {
            public ChatClient Chat() => client.GetChatClient(INJECTED);
        }
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
        ReferenceAssemblies.Default
            .Add(Emit("Aspire.OpenAI", AspireOpenAI))
            .Add(Emit("Aspire.Azure.AI.OpenAI", AspireAzureOpenAI)));

    private static Task VerifyAppAsync(string registration, bool reported) =>
        VerifyAsync(App
            .Replace("REGISTRATION", registration)
            .Replace("FALLBACK", reported ? "{|AIL0501:\"gpt-4o-mini\"|}" : "\"gpt-4o-mini\"")
            .Replace("INJECTED", reported ? "{|AIL0503:\"gpt-3.5-turbo\"|}" : "\"gpt-3.5-turbo\""));

    private static Task VerifyAsync(string code)
    {
        var test = new AnalyzerTest<ModelAnalyzer> { References = LazyReferences.Value, TestCode = code };
        return test.RunAsync();
    }

    [Fact]
    public Task Clients_from_Aspire_AddAzureOpenAIClient_take_deployment_names() =>
        VerifyAppAsync("builder.AddAzureOpenAIClient(\"openai\");", reported: false);

    [Fact]
    public Task Clients_from_Aspire_AddKeyedAzureOpenAIClient_take_deployment_names() =>
        VerifyAppAsync("builder.AddKeyedAzureOpenAIClient(\"openai\");", reported: false);

    // The twin: Aspire.OpenAI's AddOpenAIClient registers OpenAI's own client, so the ids are model ids.
    [Fact]
    public Task Clients_from_Aspire_AddOpenAIClient_are_checked() =>
        VerifyAppAsync("builder.AddOpenAIClient(\"openai\");", reported: true);

    // Both registered: the OpenAIClient resolved may be OpenAI's own (Aspire's Azure registration only tries to add it).
    [Fact]
    public Task Clients_when_both_Aspire_registrations_are_made_are_checked() =>
        VerifyAppAsync("builder.AddOpenAIClient(\"openai\"); builder.AddAzureOpenAIClient(\"azure\");", reported: true);

    // Chosen from the connection string at run time: OpenAI's client as likely as Azure's.
    [Fact]
    public Task Clients_from_Aspire_AddOpenAIClientFromConfiguration_are_checked() =>
        VerifyAppAsync("builder.AddOpenAIClientFromConfiguration(\"openai\");", reported: true);

    // Nothing Aspire registers: the container's OpenAIClient is not known to be Azure's.
    [Fact]
    public Task Clients_without_an_Azure_registration_are_checked() =>
        VerifyAppAsync("", reported: true);

    // Only the OpenAIClient handed out is Azure's: ChatOptions.ModelId names the model of whatever IChatClient gets it,
    // and stays checked beside the Aspire registration (as beside the project's own Azure registration).
    [Fact]
    public Task ChatOptions_model_beside_the_Aspire_Azure_registration_is_still_checked() =>
        VerifyAsync("""
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Hosting;

            public static class Program
            {
                public static void Main(string[] args)
                {
                    var builder = WebApplication.CreateBuilder(args);
                    builder.AddAzureOpenAIClient("openai");
                    builder.Build().Run();
                }

                public static ChatOptions Options() => new ChatOptions { ModelId = {|AIL0501:"gpt-4o"|} };
            }
            """);

    // Aspire 8's AddAzureOpenAIClient built Azure.AI.OpenAI 1.x's OpenAIClient, which also talked to OpenAI's own API
    // (no endpoint, a key): a method of that name whose client builder builds another client than AzureOpenAIClient is
    // not taken as Azure-only. Stood in for here by the same signature building OpenAI's OpenAIClient.
    [Fact]
    public Task An_Aspire_registration_that_builds_another_client_is_checked()
    {
        var older = AspireAzureOpenAI
            .Replace("IAzureClientBuilder<AzureOpenAIClient, AzureOpenAIClientOptions>", "IAzureClientBuilder<global::OpenAI.OpenAIClient, global::OpenAI.OpenAIClientOptions>");
        Assert.NotEqual(AspireAzureOpenAI, older);
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = ReferenceAssemblies.Default.Add(Emit("Aspire.Azure.AI.OpenAI", older)),
            TestCode = App
                .Replace("REGISTRATION", "builder.AddAzureOpenAIClient(\"openai\");")
                .Replace("FALLBACK", "{|AIL0501:\"gpt-4o-mini\"|}")
                .Replace("INJECTED", "{|AIL0503:\"gpt-3.5-turbo\"|}"),
        };
        return test.RunAsync();
    }

    [Fact]
    public Task Half_typed_Aspire_registrations_do_not_crash()
    {
        var test = new AnalyzerTest<ModelAnalyzer>
        {
            References = LazyReferences.Value,
            TestCode = """
                using Microsoft.AspNetCore.Builder;
                using Microsoft.Extensions.DependencyInjection;
                using Microsoft.Extensions.Hosting;
                using OpenAI;
                public static class Program
                {
                    public static void Main(string[] args)
                    {
                        var builder = WebApplication.CreateBuilder(args);
                        builder.AddAzureOpenAIClient(;
                        builder.AddAzureOpenAIClient("a", );
                        AddAzureOpenAIClient("b");
                        builder.AddOpenAIClient
                        var app = builder.Build();
                        app.Services.GetRequiredService<OpenAIClient>().GetChatClient(args[0], );
                    }
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }

    private static MetadataReference Emit(string assemblyName, string source)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            ReferenceAssemblies.Default,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
