using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
    public static IEnumerable<ModelUse> Find(Compilation compilation, Func<SyntaxTree, int, SourceLocation> locate, CancellationToken cancellationToken = default)
    {
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
                foreach (var use in ModelSlots.In(operation, withOlderSdks, cancellationToken))
                {
                    var line = tree.GetLineSpan(use.Value.Syntax.Span, cancellationToken).StartLinePosition.Line;
                    var assembly = use.Member.ContainingAssembly.Name;

                    // An OpenAI-declared slot whose client comes from an Azure client (azure.GetResponsesClient()
                    // .AsIChatClient("gpt-5-mini"), an OpenAIClient variable holding an AzureOpenAIClient) receives a
                    // deployment name, as AIL0501-AIL0505 read it (AzureDeployments).
                    var isDeployment = use.Kind == ModelSlotKind.Deployment
                        || (sentToAzure ??= operation != null && AzureDeployments.TakesDeployment(operation, symbols, cancellationToken));
                    yield return new ModelUse(
                        isDeployment ? "azure-openai" : LlmSdkAssemblies.ProviderOf(assembly),
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
            }
        }
    }

    private static string Describe(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } ctor => $"new {ctor.ContainingType.ToDisplayString()}",
        IMethodSymbol { ReducedFrom: { } reduced } => $"{reduced.ContainingType.ToDisplayString()}.{reduced.Name}",
        _ => $"{symbol.ContainingType.ToDisplayString()}.{symbol.Name}",
    };
}
