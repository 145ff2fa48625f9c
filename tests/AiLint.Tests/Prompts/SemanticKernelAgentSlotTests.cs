using System.Collections.Immutable;
using AiLint.Analyzers.Rules.Prompts;
using AiLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using static AiLint.Tests.Prompts.PromptTestHelpers;

namespace AiLint.Tests.Prompts;

/// <summary>
/// Semantic Kernel's agents: <c>new ChatCompletionAgent { Name = "...", Instructions = "You are ...", Kernel = kernel }</c>
/// (the shape of SK's agent samples and of many public apps: a Storyteller demo's fantasy expert, an SK code assistant's
/// architect, a travel agency's transfer agent), and the same <c>Instructions</c> on any other KernelAgent subtype.
/// The slot is the property <c>Microsoft.SemanticKernel.Agents.KernelAgent.Instructions</c>, recognised by symbol:
/// an app's own agent class with an <c>Instructions</c> property is not a slot, and <c>Name</c> and
/// <c>Description</c> are not prompts.
/// </summary>
public class SemanticKernelAgentSlotTests
{
    // Stands in for Microsoft.SemanticKernel.Agents.Abstractions, which the mirror does not serve: the public members
    // the rule and these tests touch, as microsoft/semantic-kernel declares them in dotnet/src/Agents/Abstractions/Agent.cs
    // (Description, Id, Name: init-only), dotnet/src/Agents/Abstractions/KernelAgent.cs (Arguments, Instructions,
    // Kernel, Template: init-only) and dotnet/src/Agents/Abstractions/ChatHistoryKernelAgent.cs (the intermediate base
    // of the chat agents). Compiled into its own assembly so the app sees it as metadata, as it sees the package; the
    // agents' abstract invocation members are left out (the rule never reads them).
    private const string AgentsAbstractions = """
        #nullable enable
        namespace Microsoft.SemanticKernel.Agents
        {
            public abstract class Agent
            {
                public string? Description { get; init; }
                public string Id { get; init; } = System.Guid.NewGuid().ToString();
                public string? Name { get; init; }
            }

            public abstract class KernelAgent : Agent
            {
                public KernelArguments Arguments { get; init; } = new KernelArguments();
                public string? Instructions { get; init; }
                public Kernel Kernel { get; init; } = new Kernel();
                public IPromptTemplate? Template { get; init; }
            }

            public abstract class ChatHistoryKernelAgent : KernelAgent
            {
            }
        }
        """;

    // Stands in for Microsoft.SemanticKernel.Agents.Core: dotnet/src/Agents/Core/ChatCompletionAgent.cs (a sealed
    // ChatHistoryKernelAgent with a parameterless constructor and one from a PromptTemplateConfig).
    private const string AgentsCore = """
        #nullable enable
        namespace Microsoft.SemanticKernel.Agents
        {
            public sealed class ChatCompletionAgent : ChatHistoryKernelAgent
            {
                public ChatCompletionAgent() { }
                public ChatCompletionAgent(PromptTemplateConfig templateConfig, IPromptTemplateFactory? templateFactory = null) { }
            }
        }
        """;

    // Stands in for Microsoft.SemanticKernel.Agents.OpenAI: the constructor of dotnet/src/Agents/OpenAI/OpenAIAssistantAgent.cs
    // (a KernelAgent over an OpenAI assistant definition), in a third assembly as in the packages.
    private const string AgentsOpenAI = """
        #nullable enable
        #pragma warning disable OPENAI001
        using System.Collections.Generic;
        using OpenAI.Assistants;
        namespace Microsoft.SemanticKernel.Agents.OpenAI
        {
            public sealed class OpenAIAssistantAgent : KernelAgent
            {
                public OpenAIAssistantAgent(
                    Assistant definition,
                    AssistantClient client,
                    IEnumerable<KernelPlugin>? plugins = null,
                    IPromptTemplateFactory? templateFactory = null,
                    string? templateFormat = null) { }
            }
        }
        """;

    private static readonly Lazy<ImmutableArray<MetadataReference>> LazyReferences = new(() =>
    {
        var abstractions = Emit("Microsoft.SemanticKernel.Agents.Abstractions", AgentsAbstractions, ReferenceAssemblies.Default);
        var withAbstractions = ReferenceAssemblies.Default.Add(abstractions);
        return withAbstractions
            .Add(Emit("Microsoft.SemanticKernel.Agents.Core", AgentsCore, withAbstractions))
            .Add(Emit("Microsoft.SemanticKernel.Agents.OpenAI", AgentsOpenAI, withAbstractions));
    });

    /// <summary>The agent package's references: the stand-ins above beside the real Semantic Kernel and SDK assemblies.</summary>
    internal static ImmutableArray<MetadataReference> References => LazyReferences.Value;

    private static Task VerifyAgentsAsync(string code, (string Path, string Content)[] evalFiles, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer> { References = References, TestCode = code };
        test.AdditionalFiles.AddRange(evalFiles);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    // The SDK-name meta-test for this family (SdkNameResolutionTests checks KnownPromptSymbols' own properties against
    // the default references, where the Agents packages are not): the names resolve against the package's signatures.
    [Fact]
    public void KernelAgent_Instructions_resolves_against_the_agents_package()
    {
        var slots = KnownPromptSymbols.Create(CSharpCompilation.Create("Probe", references: References)).SkAgents;

        Assert.Equal("Microsoft.SemanticKernel.Agents.KernelAgent", slots.KernelAgent?.ToDisplayString());
        Assert.Equal("Microsoft.SemanticKernel.Agents.KernelAgent.Instructions", slots.KernelAgentInstructions?.ToDisplayString());
        Assert.True(slots.HasAnySlot);
    }

    [Fact]
    public void Without_the_agents_package_there_is_no_agent_slot()
    {
        var slots = KnownPromptSymbols.Create(CSharpCompilation.Create("Probe", references: ReferenceAssemblies.Default)).SkAgents;

        Assert.Null(slots.KernelAgentInstructions);
        Assert.False(slots.HasAnySlot);
    }

    // The samples' shape: literal instructions in the agent's initializer, named after the method that builds the agent.
    [Fact]
    public Task ChatCompletionAgent_Instructions_are_a_prompt() =>
        VerifyAgentsAsync(
            """"
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            namespace Studio;
            public static class AgentDefinitions
            {
                public static ChatCompletionAgent CreateWriter(Kernel kernel) => new ChatCompletionAgent
                {
                    Name = "Copywriter",
                    Description = "Writes marketing copy.",
                    Instructions = {|#0:"""
                        You are a copywriter for a bike shop.
                        Never promise discounts the user did not ask about.
                        """|},
                    Kernel = kernel,
                };
            }
            """",
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Studio.AgentDefinitions.CreateWriter"));

    // The correct code beside it: Name and Description are not prompts, whatever they say, and covered instructions clear the error.
    [Fact]
    public Task Agent_Name_and_Description_are_not_prompts_and_covered_instructions_pass() =>
        VerifyAgentsAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            namespace Studio;
            public static class AgentDefinitions
            {
                public static ChatCompletionAgent CreateReviewer(Kernel kernel) => new()
                {
                    Name = "You are a reviewer. Never approve without tests.",
                    Description = "You are the reviewer agent. Always answer with a verdict.",
                    Kernel = kernel,
                };

                public static ChatCompletionAgent CreateWriter(Kernel kernel) => new()
                {
                    Name = "Copywriter",
                    Instructions = "You are a copywriter for a bike shop. Never promise discounts the user did not ask about.",
                    Kernel = kernel,
                };
            }
            """,
            new[] { ("evals/agents.evals.jsonl", Case("Studio.AgentDefinitions.CreateWriter", rule: "Never promise discounts")) });

    // AIL0303 reads the agent's instructions like any prompt's: a case without the rule leaves its instruction uncovered.
    [Fact]
    public Task An_agent_instruction_no_case_quotes_is_reported_by_AIL0303() =>
        VerifyAgentsAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            namespace Studio;
            public static class AgentDefinitions
            {
                public static ChatCompletionAgent CreateWriter(Kernel kernel) => new()
                {
                    Name = "Copywriter",
                    Instructions = "You are a copywriter for a bike shop. {|#0:Never promise discounts the user did not ask about.|}",
                    Kernel = kernel,
                };
            }
            """,
            new[] { ("evals/agents.evals.jsonl", Case("Studio.AgentDefinitions.CreateWriter")) },
            Diagnostic("AIL0303").WithLocation(0).WithArguments("Never promise discounts the user did not ask about.", "Studio.AgentDefinitions.CreateWriter"));

    // A named constant keeps its own id; a helper's parameter is followed to the text its callers write (the local
    // CreateAgent(string instructions, ...) helper of SK's orchestration samples).
    [Fact]
    public Task Agent_instructions_from_a_constant_or_a_helper_parameter_are_followed() =>
        VerifyAgentsAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            namespace Grid;
            public static class Prompts
            {
                public const string {|#0:DemandAgentInstructions|} = "You are a demand analyst. Always state the unit of every figure.";
            }
            public sealed class Agents(Kernel kernel)
            {
                public ChatCompletionAgent Demand => new() { Name = "Demand", Instructions = Prompts.DemandAgentInstructions, Kernel = kernel };

                public ChatCompletionAgent Research() => Create({|#1:"You are a researcher. Only cite sources you were given."|}, "Researcher");

                public ChatCompletionAgent Chat(string configured) => Create(configured, "Chat");

                private ChatCompletionAgent Create(string instructions, string name) =>
                    new ChatCompletionAgent { Name = name, Instructions = instructions, Kernel = kernel };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Grid.Prompts.DemandAgentInstructions"),
            Diagnostic("AIL0301").WithLocation(1).WithArguments("Grid.Agents.Research"));

    // An agent built in the constructor into a get-only property (a travel app's TransferAgent: `Agent = new
    // ChatCompletionAgent() { ... }`): the instructions are named after the property, as in its initializer.
    [Fact]
    public Task Agent_built_in_the_constructor_is_named_after_the_property_that_holds_it() =>
        VerifyAgentsAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            namespace Travel;
            public sealed class TransferAgent
            {
                public ChatCompletionAgent Agent { get; }

                public TransferAgent(Kernel kernel)
                {
                    Agent = new ChatCompletionAgent()
                    {
                        Name = "TransferAgent",
                        Kernel = kernel,
                        Instructions = {|#0:"You are a ground transportation agent. Always confirm pickup times."|},
                    };
                }
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Travel.TransferAgent.Agent"));

    // Any KernelAgent subtype, here from another package: the property is KernelAgent's, whichever type it is set through.
    [Fact]
    public Task Instructions_of_another_KernelAgent_subtype_are_a_prompt() =>
        VerifyAgentsAsync(
            """
            #pragma warning disable OPENAI001
            using Microsoft.SemanticKernel.Agents.OpenAI;
            using OpenAI.Assistants;
            namespace Tutor;
            public static class Agents
            {
                public static OpenAIAssistantAgent Tutor(Assistant definition, AssistantClient client) =>
                    new(definition, client) { Name = "Tutor", Instructions = {|#0:"You are a math tutor. Never give the final answer."|} };

                public static OpenAIAssistantAgent AsDefined(Assistant definition, AssistantClient client) =>
                    new(definition, client) { Name = "As defined on the service" };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Tutor.Agents.Tutor"));

    // By symbol, not by name: the app's own agent type (an Instructions property that reaches no slot) is not a slot,
    // even when it is called ChatCompletionAgent, beside the SDK's.
    [Fact]
    public Task An_apps_own_agent_class_with_Instructions_is_not_a_slot() =>
        VerifyAgentsAsync(
            """
            namespace Home
            {
                public sealed class ChatCompletionAgent
                {
                    public string? Name { get; init; }
                    public string? Instructions { get; set; }
                }

                public sealed class HouseAgent
                {
                    public string? Instructions { get; init; }
                }

                public static class Setup
                {
                    public static ChatCompletionAgent Lights() => new() { Name = "Lights", Instructions = "You are a lighting agent. Never turn off the porch light." };
                    public static HouseAgent House() => new() { Instructions = "You are the house agent. Always confirm before locking doors." };
                }
            }
            """,
            Array.Empty<(string, string)>());

    // A PromptTemplateConfig given to the agent is the template slot it already was.
    [Fact]
    public Task A_PromptTemplateConfig_given_to_an_agent_is_a_prompt() =>
        VerifyAgentsAsync(
            """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            namespace Studio;
            public static class AgentDefinitions
            {
                public static ChatCompletionAgent Create(Kernel kernel) =>
                    new(new PromptTemplateConfig({|#0:"You are a travel agent for {{$city}}. Always mention local transport."|}), new KernelPromptTemplateFactory())
                    {
                        Kernel = kernel,
                    };
            }
            """,
            Array.Empty<(string, string)>(),
            Diagnostic("AIL0301").WithLocation(0).WithArguments("Studio.AgentDefinitions.Create"));

    // Instructions read from configuration are not prompts (nothing constant to evaluate).
    [Fact]
    public Task Agent_instructions_from_configuration_are_not_prompts() =>
        VerifyAgentsAsync(
            """
            using Microsoft.Extensions.Configuration;
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Agents;
            namespace Studio;
            public static class AgentDefinitions
            {
                public static ChatCompletionAgent Create(Kernel kernel, IConfiguration configuration) =>
                    new() { Name = "Configured", Instructions = configuration["Agents:Writer:Instructions"], Kernel = kernel };
            }
            """,
            Array.Empty<(string, string)>());

    [Fact]
    public Task Half_typed_agents_do_not_crash()
    {
        var test = new AnalyzerTest<PromptEvalCoverageAnalyzer>
        {
            References = References,
            TestCode = """
                using Microsoft.SemanticKernel;
                using Microsoft.SemanticKernel.Agents;
                namespace Studio;
                public static class AgentDefinitions
                {
                    public static ChatCompletionAgent A(Kernel kernel) => new ChatCompletionAgent { Instructions = , Kernel = kernel };
                    public static ChatCompletionAgent B() => new ChatCompletionAgent { Name = "B", Instructions = "You are a
                    public static ChatCompletionAgent C() => new ChatCompletionAgent { Instructions };
                    public static ChatCompletionAgent D() => new ChatCompletionAgent(new PromptTemplateConfig(), ) { Instructions = Missing.Text };
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.ExpectedDiagnostics.Clear();
        return test.RunAsync();
    }

    private static MetadataReference Emit(string assemblyName, string source, ImmutableArray<MetadataReference> references)
    {
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest)) },
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        Assert.True(emitted.Success, string.Join(Environment.NewLine, emitted.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }
}
