using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AiLint.Analyzers.Gating;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    // Settings objects the configuration binder fills without the options pattern: configuration.GetSection("AI")
    // .Get<AiSettings>() (or Get(typeof(AiSettings))), and configuration.GetSection("AI").Bind(settings) or
    // configuration.Bind("AI", settings) on an object the code created.
    internal sealed partial class BoundOptionsKeyPaths
    {
        private static readonly string[] GetName = { "Get" };

        /// <summary>
        /// The type and section of <c>ConfigurationBinder.Bind(configuration[, key], instance)</c>: the instance's type (as
        /// the code holds it, before its conversion to <c>object</c>), and the configuration's path with the key; a null
        /// section when the path is not known or is the whole configuration.
        /// </summary>
        private (ITypeSymbol Type, string? Section)? BinderBinding(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            if (invocation.TargetMethod.Name != "Bind" || !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, binder))
            {
                return null;
            }

            IOperation? source = null;
            ITypeSymbol? type = null;
            var key = (string?)null;
            var hasKey = false;
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "configuration":
                        source = argument.Value;
                        break;
                    case "key":
                        hasKey = true;
                        key = argument.Value.ConstantValue.Value as string;
                        break;
                    case "instance":
                        type = ModelIdValue.Unwrap(argument.Value).Type;
                        break;
                }
            }

            if (source == null || !IsSettingsType(type))
            {
                return null;
            }

            var section = SectionPathOf(source, cancellationToken);
            if (hasKey)
            {
                section = Join(section, key);
            }

            return (type!, string.IsNullOrEmpty(section) ? null : section);
        }

        /// <summary>
        /// Every <c>ConfigurationBinder.Get&lt;T&gt;()</c> and <c>Get(typeof(T))</c> of the compilation, with the section it
        /// reads (null when not known). Only files that spell <c>Get</c> are walked, and only calls shaped like one of
        /// these are bound.
        /// </summary>
        private IEnumerable<(ITypeSymbol Type, string? Section)> GotSettings(CancellationToken cancellationToken)
        {
            if (binder == null)
            {
                yield break;
            }

            var spelling = FileWords.For(compilation).Spelling(GetName);
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (!spelling.Contains(tree, cancellationToken))
                {
                    continue;
                }

                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (IsGetShape(node)
                        && SourceBodies.GetOperation(node, compilation, cancellationToken) is IInvocationOperation { TargetMethod.Name: "Get" } invocation
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, binder)
                        && GotType(invocation) is { } type
                        && IsSettingsType(type)
                        && invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "configuration") is { } source)
                    {
                        var section = SectionPathOf(source.Value, cancellationToken);
                        yield return (type, string.IsNullOrEmpty(section) ? null : section);
                    }
                }
            }
        }

        // x.Get<T>() (or with binder options) and x.Get(typeof(T)), by syntax, before anything is bound.
        private static bool IsGetShape(InvocationExpressionSyntax node) =>
            node.Expression is MemberAccessExpressionSyntax { Name: var name }
            && name.Identifier.ValueText == "Get"
            && (name is GenericNameSyntax { TypeArgumentList.Arguments.Count: 1 }
                || (node.ArgumentList.Arguments.Count is 1 or 2 && node.ArgumentList.Arguments[0].Expression is TypeOfExpressionSyntax));

        private static ITypeSymbol? GotType(IInvocationOperation invocation)
        {
            if (invocation.TargetMethod.TypeArguments.Length == 1)
            {
                return invocation.TargetMethod.TypeArguments[0];
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "type" && ModelIdValue.Unwrap(argument.Value) is ITypeOfOperation typeOf)
                {
                    return typeOf.TypeOperand;
                }
            }

            return null;
        }

        // A settings class or struct (of this project or a referenced one), not a string, a collection or an unresolved type.
        private static bool IsSettingsType(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct, SpecialType: SpecialType.None, IsGenericType: false };
    }
}
