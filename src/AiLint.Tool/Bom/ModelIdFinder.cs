using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>One model id (or Azure deployment name) found in source, before merging.</summary>
/// <param name="Provider">The provider of the SDK that declares the slot, or null for provider-neutral slots.</param>
/// <param name="Id">The id as the code writes it.</param>
/// <param name="Kind">A model id, or a deployment name (which the model table does not describe).</param>
/// <param name="Source">How the id is written: literal (a constant), enum-member, catalog-member (a community SDK's model catalog), or settings (a settings file the rules read).</param>
/// <param name="Slot">The SDK member that receives it, e.g. OpenAI.Chat.ChatClient.ChatClient(model); null for an id only the rules' diagnostics name.</param>
/// <param name="SdkAssembly">The assembly that declares the slot; null when <paramref name="Slot"/> is.</param>
/// <param name="Location">Where the id is written.</param>
internal sealed record ModelUse(string? Provider, string Id, ModelSlotKind Kind, string Source, string? Slot, string? SdkAssembly, SourceLocation Location);

/// <summary>
/// The model ids a compilation passes to SDK model slots. The slots, and how a value is read, are the analyzers'
/// (<see cref="ModelSlots"/>: the slots AIL0501-AIL0505 check plus what only an inventory lists: Azure deployment
/// names, SDKs the model table has no rows for, SDK model enum members). This class walks the syntax trees, names the
/// slot and its provider, and says where the id is written.
/// </summary>
internal static class ModelIdFinder
{
    /// <summary>
    /// The provider of an id sent through the OpenAI SDK to another server (<see cref="OtherEndpoints"/>: an endpoint,
    /// HTTP client or client the rules do not show to be OpenAI's): an OpenAI-compatible API, whose models and dates
    /// are that server's.
    /// </summary>
    public const string OpenAICompatible = "openai-compatible";

    /// <param name="compilation">The project's compilation.</param>
    /// <param name="locate">Names the place of a line of a tree.</param>
    /// <param name="isConfigured">Whether the project's settings files set a configuration key (the model rules' predicate); null: none.</param>
    /// <param name="cancellationToken">Cancels the walk.</param>
    public static IEnumerable<ModelUse> Find(Compilation compilation, Func<SyntaxTree, int, SourceLocation> locate, Func<string, bool>? isConfigured = null, CancellationToken cancellationToken = default)
    {
        isConfigured ??= _ => false;
        // The community SDKs' slots, recognised as the rules recognise them; not listed in a project that points such a
        // client at Azure or another server (the rules skip them there too: the id may be a deployment or another name).
        var olderSdks = new KnownOlderSdkModelSymbols(compilation);
        var withOlderSdks = olderSdks.HasAny && !olderSdks.ProjectSendsElsewhere(cancellationToken) ? olderSdks : null;
        var symbols = KnownModelSymbols.Create(compilation);
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                if (node is not (InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax))
                {
                    continue;
                }

                var operation = model.GetOperation(node, cancellationToken);
                bool? sentToAzure = null;
                bool? sentElsewhere = null;
                List<IOperation>? read = null;
                foreach (var use in ModelSlots.In(operation, withOlderSdks, cancellationToken))
                {
                    (read ??= []).Add(use.Value);
                    var line = tree.GetLineSpan(use.Value.Syntax.Span, cancellationToken).StartLinePosition.Line;
                    var assembly = use.Member.ContainingAssembly.Name;

                    // An OpenAI-declared slot whose client comes from an Azure client (azure.GetResponsesClient()
                    // .AsIChatClient("gpt-5-mini"), an OpenAIClient variable holding an AzureOpenAIClient) receives a
                    // deployment name, as AIL0501-AIL0505 read it (AzureDeployments).
                    var isDeployment = use.Kind == ModelSlotKind.Deployment
                        || (sentToAzure ??= operation != null && AzureDeployments.TakesDeployment(operation, symbols, cancellationToken));

                    // An OpenAI argument slot whose request goes to another server, as AIL0501-AIL0505 read it: that
                    // server's model name, which OpenAI's table does not describe.
                    var provider = isDeployment ? "azure-openai" : LlmSdkAssemblies.ProviderOf(assembly);
                    if (provider == "openai" && use.Parameter is not null
                        && (sentElsewhere ??= operation != null && OtherEndpoints.SendsElsewhere(operation, symbols, cancellationToken)))
                    {
                        provider = OpenAICompatible;
                    }

                    yield return new ModelUse(
                        provider,
                        use.Id,
                        isDeployment ? ModelSlotKind.Deployment : use.Kind,
                        use.Spelling switch
                        {
                            ModelIdSpelling.SdkEnumMember => "enum-member",
                            ModelIdSpelling.SdkCatalogMember => "catalog-member",
                            _ => "literal",
                        },
                        use.Parameter is { } parameter ? $"{Describe(use.Member)}({parameter.Name})" : Describe(use.Member),
                        assembly,
                        locate(tree, line + 1));
                }

                foreach (var fallback in DeploymentFallbacksAt(operation, read, symbols, isConfigured, sentToAzure, locate, cancellationToken))
                {
                    yield return fallback;
                }
            }
        }
    }

    /// <summary>
    /// The deployment names the call's deployment slots get by default (<see cref="DeploymentFallbacks"/>): the slots
    /// whose value the slot reading above did not spell out, of a <c>deploymentName</c> parameter or of an OpenAI slot
    /// the call shows to be an Azure client's.
    /// </summary>
    private static IEnumerable<ModelUse> DeploymentFallbacksAt(IOperation? operation, List<IOperation>? read, KnownModelSymbols symbols, Func<string, bool> isConfigured, bool? sentToAzure, Func<SyntaxTree, int, SourceLocation> locate, CancellationToken cancellationToken)
    {
        var (member, arguments) = operation switch
        {
            IInvocationOperation invocation => ((IMethodSymbol?)invocation.TargetMethod, invocation.Arguments),
            IObjectCreationOperation creation => (creation.Constructor, creation.Arguments),
            _ => (null, default),
        };
        if (member is null)
        {
            yield break;
        }

        foreach (var argument in arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.DefaultValue
                || read?.Contains(argument.Value) == true
                || ModelSlots.KindOf(argument.Parameter) is not { } kind
                || (kind != ModelSlotKind.Deployment && !(sentToAzure ??= AzureDeployments.TakesDeployment(operation!, symbols, cancellationToken)))
                || DeploymentFallbacks.Of(argument.Value, symbols, isConfigured, cancellationToken) is not { } fallback)
            {
                continue;
            }

            var tree = fallback.Written.Syntax.SyntaxTree;

            yield return new ModelUse(
                "azure-openai",
                fallback.Name,
                ModelSlotKind.Deployment,
                "fallback",
                $"{Describe(member)}({argument.Parameter!.Name})",
                member.ContainingAssembly.Name,
                locate(tree, tree.GetLineSpan(fallback.Written.Syntax.Span, cancellationToken).StartLinePosition.Line + 1));
        }
    }

    private static string Describe(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } ctor => $"new {ctor.ContainingType.ToDisplayString()}",
        IMethodSymbol { ReducedFrom: { } reduced } => $"{reduced.ContainingType.ToDisplayString()}.{reduced.Name}",
        _ => $"{symbol.ContainingType.ToDisplayString()}.{symbol.Name}",
    };
}
