using System;
using System.Collections.Generic;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.LlmCalls;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Whether the project ever asks Semantic Kernel to offer the model every function of a kernel. Semantic Kernel 1.82
    /// sends a kernel's functions as tools only when the request's settings say so: with neither
    /// <c>FunctionChoiceBehavior</c> nor the OpenAI connector's <c>ToolCallBehavior</c> set, the connectors send no tool
    /// at all (<c>ClientCore.GetFunctionCallingConfiguration</c>, and <c>ToChatOptions</c> for <c>IChatClient</c>);
    /// <c>Auto(functions: list)</c>/<c>Required(functions: list)</c> send that list only (an empty list sends nothing);
    /// <c>None()</c> sends the definitions with <c>tool_choice: none</c>, so the model picks no tool. Only
    /// <c>Auto()</c>/<c>Required()</c> with no list (or <c>null</c>) and <c>ToolCallBehavior.AutoInvokeKernelFunctions</c>/
    /// <c>EnableKernelFunctions</c> offer the whole kernel.
    /// </summary>
    /// <remarks>
    /// Project-wide on purpose: the settings are usually written in a different type from the kernel (a chat service
    /// given the kernel by the container), so AiLint cannot tell which settings go with which kernel. A project with no
    /// such call anywhere advertises no kernel's functions from its code; settings read from prompt files (YAML,
    /// prompty) or configuration are not seen, and the kernel is then not counted (a miss, never a false positive).
    /// </remarks>
    internal sealed class KernelFunctionChoice
    {
        private static readonly HashSet<string> Names = new HashSet<string>(StringComparer.Ordinal)
        {
            "Auto", "Required", "AutoInvokeKernelFunctions", "EnableKernelFunctions",
        };

        private const string Namespace = "Microsoft.SemanticKernel";

        private readonly Compilation _compilation;
        private readonly object _gate = new object();

        // Both answers come from one walk of the project's files (see Scan).
        private (bool Anywhere, bool OutsideStandaloneKernelTypes)? _choices;

        public KernelFunctionChoice(Compilation compilation)
        {
            _compilation = compilation;
        }

        /// <summary>Some code of the project asks for automatic (or required) choice among all of a kernel's functions.</summary>
        public bool OffersWholeKernels => Choices.Anywhere;

        /// <summary>
        /// For the container's kernel (<c>services.AddKernel()</c>): some whole-kernel choice is written in a type that does
        /// not build a kernel of its own (<c>Kernel.CreateBuilder()</c>, <c>new Kernel(...)</c>). A choice written next to
        /// a kernel the type builds itself most likely goes with that kernel, not with the container's.
        /// </summary>
        public bool OffersWholeContainerKernels => Choices.OutsideStandaloneKernelTypes;

        private (bool Anywhere, bool OutsideStandaloneKernelTypes) Choices
        {
            get
            {
                lock (_gate)
                {
                    return _choices ??= Scan(_compilation, CancellationToken.None);
                }
            }
        }

        // Stops at the first whole-kernel choice outside a type that builds its own kernel: both answers are then known.
        // Only the files that spell one of the names as a word are walked (the compilation's shared words, FileWords):
        // an identifier named Auto or Required is spelled so in its file (or with an escape, which IdentifierScan counts
        // as spelling every name). Walking every node of every file realised the whole compilation's red trees, and the
        // question is asked by every type with a catalog sink (ToolCatalogAnalyzer.AssemblyScans), Semantic Kernel or not.
        private static (bool Anywhere, bool OutsideStandaloneKernelTypes) Scan(Compilation compilation, CancellationToken cancellationToken)
        {
            var anywhere = false;
            var spelled = FileWords.For(compilation).Spelling(Names);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!spelled.Contains(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    // `[Required]` and other attribute names are never a function choice: not bound.
                    if (node is IdentifierNameSyntax identifier && Names.Contains(identifier.Identifier.ValueText)
                        && identifier.Parent is not (AttributeSyntax or QualifiedNameSyntax)
                        && OffersWholeKernel(identifier, compilation, cancellationToken))
                    {
                        anywhere = true;
                        if (!InTypeBuildingItsOwnKernel(identifier, compilation, cancellationToken))
                        {
                            return (true, true);
                        }
                    }
                }
            }

            return (anywhere, false);
        }

        // The type (or top-level program) around the choice calls `Kernel.CreateBuilder()` or creates a `Kernel` itself.
        private static bool InTypeBuildingItsOwnKernel(SyntaxNode choice, Compilation compilation, CancellationToken cancellationToken)
        {
            SyntaxNode? scope = null;
            foreach (var ancestor in choice.Ancestors())
            {
                if (ancestor is TypeDeclarationSyntax)
                {
                    scope = ancestor; // the outermost type: nested helpers of one class share its kernel
                }
            }

            scope ??= choice.SyntaxTree.GetRoot(cancellationToken);
            var model = SourceBodies.GetSemanticModel(compilation, choice.SyntaxTree);
            foreach (var node in scope.DescendantNodes())
            {
                var creates = node switch
                {
                    InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CreateBuilder" } } => true,
                    ObjectCreationExpressionSyntax { Type: var type } when type.ToString().EndsWith("Kernel", StringComparison.Ordinal) => true,
                    _ => false,
                };
                if (!creates)
                {
                    continue;
                }

                var symbol = model.GetSymbolInfo(node, cancellationToken).Symbol;
                var created = symbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor ? constructor.ContainingType
                    : symbol is IMethodSymbol { Name: "CreateBuilder", IsStatic: true } factory ? factory.ContainingType
                    : null;
                if (created is { Name: "Kernel" } && created.ContainingNamespace?.ToDisplayString() == Namespace)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool OffersWholeKernel(IdentifierNameSyntax name, Compilation compilation, CancellationToken cancellationToken)
        {
            // FunctionChoiceBehavior.Auto(...) or Auto(...) under `using static`; ToolCallBehavior.AutoInvokeKernelFunctions.
            SyntaxNode expression = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
            var model = SourceBodies.GetSemanticModel(compilation, name.SyntaxTree);
            if (expression.Parent is InvocationExpressionSyntax call && call.Expression == expression)
            {
                return model.GetOperation(call, cancellationToken) is IInvocationOperation invocation
                    && IsFunctionChoice(invocation.TargetMethod)
                    && ListsNoFunctions(invocation);
            }

            return model.GetOperation(expression, cancellationToken) is IPropertyReferenceOperation { Property: { } property }
                && property.Name is "AutoInvokeKernelFunctions" or "EnableKernelFunctions"
                && property.ContainingType is { } type && type.Name.EndsWith("ToolCallBehavior", StringComparison.Ordinal)
                && InSemanticKernel(type);
        }

        private static bool IsFunctionChoice(IMethodSymbol method) =>
            method.Name is "Auto" or "Required"
            && method.ContainingType is { Name: "FunctionChoiceBehavior" } type
            && type.ContainingNamespace?.ToDisplayString() == Namespace;

        // No `functions` argument, an explicit null (Semantic Kernel then offers every function of the kernel), or a list of
        // every function of a kernel, which may pass through a filter that lets everything by (KernelWideFunctionLists).
        private static bool ListsNoFunctions(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "functions")
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue
                        || TypeIndex.Strip(argument.Value) is { ConstantValue: { HasValue: true, Value: null } }
                        || KernelWideFunctionLists.ListsEveryFunction(argument.Value);
                }
            }

            return false;
        }

        private static bool InSemanticKernel(INamedTypeSymbol type) =>
            type.ContainingNamespace?.ToDisplayString() is { } ns
            && (ns == Namespace || ns.StartsWith(Namespace + ".", StringComparison.Ordinal));
    }
}
