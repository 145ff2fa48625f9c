using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Tools
{
    /// <summary>
    /// Whether a counted kernel is also handed to code of the project that may register more plugins on it: an argument
    /// of a method or constructor the project declares (<c>ToolAssemblyScanner.RegisterStaticPlugins(kernel, assembly)</c>,
    /// <c>new CapabilityTools(kernel)</c>, an extension <c>kernel.AddMyPlugins()</c>). AIL0201 then gives its count as a
    /// lower bound ("at least N", review85 JD.AI). Semantic Kernel's own methods (a chat request given the kernel, a
    /// prompt run) add nothing and keep the count exact. Asked only for a kernel about to be reported.
    /// </summary>
    internal static class KernelHandOver
    {
        private static bool IsReadHelperCall(IInvocationOperation call, KernelCatalog kernel)
        {
            foreach (var registration in kernel.Registrations)
            {
                if (registration.Syntax == call.Syntax)
                {
                    return true;
                }
            }

            return false;
        }

        public static bool MayGetMorePlugins(KernelCatalog kernel, SemanticModel model)
        {
            var holder = kernel.Holder;
            if (holder == null)
            {
                return false;
            }

            var scopes = holder is IParameterSymbol parameter ? ParameterScope(parameter, model) : KernelPlugins.ReadScopes(holder, model);
            if (scopes == null)
            {
                return false;
            }

            foreach (var (scope, scopeModel) in scopes)
            {
                foreach (var node in scope.DescendantNodes())
                {
                    if (node is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == holder.Name
                        && scopeModel.GetOperation(identifier) is { } read
                        && SymbolEqualityComparer.Default.Equals(TypeIndex.Holder(read), holder)
                        && IsArgumentOfProjectCode(read, kernel))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The method declaring the parameter, in this tree.</summary>
        private static System.Collections.Generic.List<(SyntaxNode Scope, SemanticModel Model)>? ParameterScope(IParameterSymbol parameter, SemanticModel model)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol { DeclaringSyntaxReferences.Length: 1 } method
                || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree)
            {
                return null;
            }

            return new System.Collections.Generic.List<(SyntaxNode, SemanticModel)> { (method.DeclaringSyntaxReferences[0].GetSyntax(), model) };
        }

        private static bool IsArgumentOfProjectCode(IOperation read, KernelCatalog kernel)
        {
            var current = read.Parent;
            while (current is IConversionOperation)
            {
                current = current.Parent;
            }

            if (current is not IArgumentOperation argument)
            {
                return false;
            }

            var target = argument.Parent switch
            {
                IInvocationOperation invocation => invocation.TargetMethod,
                IObjectCreationOperation creation => creation.Constructor,
                _ => null,
            };

            // Declared in source: the project's own code, which AiLint does not read for registrations on the kernel it
            // is given, unless the call is a helper whose registrations were read as the kernel's own
            // (KernelPlugins.FillingHelpers; what it may add unseen made its part "at least" already). Compared by syntax:
            // the read comes from another semantic model than the index's. An unresolved call (half-typed code) has no
            // method and says nothing.
            return target != null && target.OriginalDefinition.DeclaringSyntaxReferences.Length > 0
                && !(argument.Parent is IInvocationOperation call && IsReadHelperCall(call, kernel));
        }
    }
}
