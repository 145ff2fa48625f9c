using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Tool.Bom;

/// <summary>One model id found in source, before merging.</summary>
internal sealed record ModelUse(string? Provider, string Id, string Source, string Slot, string SdkAssembly, SourceLocation Location);

/// <summary>
/// Finds model ids passed to SDK model slots, by symbol: an argument bound to a parameter named model / modelId /
/// defaultModel(Id) / deploymentName of an LLM SDK method or constructor (OpenAI <c>GetChatClient(model)</c>,
/// <c>new ChatClient(model, ...)</c>, Anthropic's <c>AsIChatClient(modelID)</c>, Semantic Kernel's
/// <c>AddOpenAIChatCompletion(modelId, ...)</c>), or a value assigned to a <c>Model</c> / <c>ModelId</c> property of an
/// SDK options or params type (MEAI <c>ChatOptions.ModelId</c>, Anthropic <c>MessageCreateParams.Model</c>). Only
/// values the code spells out count: a string constant, or a member of an SDK model enum. Ids read from
/// configuration are not in the source and are not reported.
/// </summary>
internal static class ModelIdFinder
{
    private static readonly HashSet<string> ModelParameters = new(StringComparer.OrdinalIgnoreCase)
    {
        "model", "modelId", "defaultModel", "defaultModelId", "deploymentName",
    };

    private static readonly string[] ModelProperties = ["Model", "ModelId"];

    private static readonly string[] SettingsTypeSuffixes = ["Options", "Params", "Parameters", "Request", "Settings"];

    public static IEnumerable<ModelUse> Find(Compilation compilation, Func<SyntaxTree, int, SourceLocation> locate, CancellationToken cancellationToken = default)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
            {
                var operation = node switch
                {
                    InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax => model.GetOperation(node, cancellationToken),
                    _ => null,
                };

                foreach (var use in FromOperation(operation))
                {
                    var line = tree.GetLineSpan(use.Value.Syntax.Span, cancellationToken).StartLinePosition.Line;
                    yield return new ModelUse(use.Provider, use.Id, use.Source, use.Slot, use.Assembly, locate(tree, line + 1));
                }
            }
        }
    }

    private static IEnumerable<(string? Provider, string Id, string Source, string Slot, string Assembly, IOperation Value)> FromOperation(IOperation? operation)
    {
        switch (operation)
        {
            case IInvocationOperation invocation:
                return FromArguments(invocation.TargetMethod, invocation.Arguments);
            case IObjectCreationOperation { Constructor: { } constructor } creation:
                return FromArguments(constructor, creation.Arguments);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: var property } } assignment
                when IsModelProperty(property) && Read(assignment.Value) is { } read:
                return [(LlmSdkAssemblies.ProviderOf(property.ContainingAssembly.Name), read.Id, read.Source, Describe(property), property.ContainingAssembly.Name, assignment.Value)];
            default:
                return [];
        }
    }

    private static IEnumerable<(string? Provider, string Id, string Source, string Slot, string Assembly, IOperation Value)> FromArguments(IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
    {
        if (method.ContainingAssembly is not { } assembly || !LlmSdkAssemblies.IsLlmSdk(assembly.Name))
        {
            yield break;
        }

        foreach (var argument in arguments)
        {
            if (argument.Parameter is { } parameter
                && ModelParameters.Contains(parameter.Name)
                && argument.ArgumentKind == ArgumentKind.Explicit
                && Read(argument.Value) is { } read)
            {
                yield return (LlmSdkAssemblies.ProviderOf(assembly.Name), read.Id, read.Source, $"{Describe(method)}({parameter.Name})", assembly.Name, argument.Value);
            }
        }
    }

    private static bool IsModelProperty(IPropertySymbol property) =>
        ModelProperties.Contains(property.Name)
        && property.ContainingAssembly is { } assembly
        && LlmSdkAssemblies.IsLlmSdk(assembly.Name)
        && SettingsTypeSuffixes.Any(suffix => property.ContainingType.Name.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>The id a value spells out: a non-empty string constant, or an SDK model enum member; null otherwise.</summary>
    private static (string Id, string Source)? Read(IOperation value)
    {
        while (value is IConversionOperation conversion)
        {
            if (conversion.Operand.Type?.TypeKind == TypeKind.Enum || conversion.ConstantValue is { HasValue: true, Value: string })
            {
                break;
            }

            value = conversion.Operand;
        }

        if (value.ConstantValue is { HasValue: true, Value: string text } && !string.IsNullOrWhiteSpace(text))
        {
            return (text.Trim(), "literal");
        }

        var enumField = value switch
        {
            IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field } => field,
            IConversionOperation { Operand: IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } field } } => field,
            _ => null,
        };
        if (enumField is not null && LlmSdkAssemblies.IsLlmSdk(enumField.ContainingAssembly.Name))
        {
            return (ModelEnumNames.ToModelId(enumField.Name), "enum-member");
        }

        return null;
    }

    private static string Describe(ISymbol symbol) => symbol switch
    {
        IMethodSymbol { MethodKind: MethodKind.Constructor } ctor => $"new {ctor.ContainingType.ToDisplayString()}",
        IMethodSymbol { ReducedFrom: { } reduced } => $"{reduced.ContainingType.ToDisplayString()}.{reduced.Name}",
        _ => $"{symbol.ContainingType.ToDisplayString()}.{symbol.Name}",
    };
}
