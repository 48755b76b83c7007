package dev.zscope.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The body of an error page inside the layout: a title, what happened and a way back. */
abstract class ErrorPage extends VerticalLayout {

    private final H2 title = new H2();
    private final Paragraph text = new Paragraph();

    ErrorPage() {
        title.setId("error-title");
        title.getStyle().set("margin", "0").set("font-size", "var(--lumo-font-size-xl)");
        text.setId("error-text");
        add(title, text, new Anchor("./", "Go to the dashboard"));
    }

    void show(String heading, String explanation) {
        title.setText(heading);
        text.setText(explanation);
    }
}
