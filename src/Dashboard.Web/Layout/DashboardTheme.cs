using MudBlazor;

namespace Dashboard.Web.Layout;

/// <summary>The product's palette: indigo for structure, teal for positive numbers, amber for highlights.</summary>
public static class DashboardTheme
{
    private static readonly string[] FontStack =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#3949ab",
            Secondary = "#00897b",
            Tertiary = "#f59e0b",
            Info = "#0288d1",
            Success = "#2e7d32",
            Warning = "#ed6c02",
            Error = "#d32f2f",
            Background = "#f4f5fa",
            Surface = "#ffffff",
            AppbarBackground = "#283593",
            AppbarText = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#374151",
            DrawerIcon = "#5c6bc0",
            TextPrimary = "#1f2937",
            TextSecondary = "#6b7280",
            LinesDefault = "#e5e7eb",
            TableLines = "#e5e7eb",
            Divider = "#e5e7eb",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8c9eff",
            Secondary = "#4db6ac",
            Tertiary = "#fbbf24",
            Info = "#4fc3f7",
            Success = "#66bb6a",
            Warning = "#ffa726",
            Error = "#ef5350",
            Background = "#12141c",
            BackgroundGray = "#1a1d28",
            Surface = "#1b1e2a",
            AppbarBackground = "#1b1e2a",
            AppbarText = "#e5e7eb",
            DrawerBackground = "#161924",
            DrawerText = "#d1d5db",
            DrawerIcon = "#8c9eff",
            TextPrimary = "#e5e7eb",
            TextSecondary = "#9ca3af",
            LinesDefault = "#2d3142",
            TableLines = "#2d3142",
            Divider = "#2d3142",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontStack },
            Button = new ButtonTypography { TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "8px",
            DrawerWidthLeft = "232px",
        },
    };
}
