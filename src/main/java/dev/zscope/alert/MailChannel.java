package dev.zscope.alert;

import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * E-mail through Spring's mail support ({@code spring.mail.*}). Without an SMTP server configured
 * there is no {@link JavaMailSender}: the channel then says it is unavailable and why, and the
 * application runs on.
 */
final class MailChannel implements Channel {

    static final String UNAVAILABLE = "no SMTP server is configured: set spring.mail.host (and spring.mail.port,"
            + " spring.mail.username, spring.mail.password as needed)";

    private final ChannelSpec spec;
    private final JavaMailSender sender;
    private final Links links;
    private final String defaultFrom;

    /** @param sender null when no SMTP server is configured */
    MailChannel(ChannelSpec spec, JavaMailSender sender, Links links, String defaultFrom) {
        this.spec = spec;
        this.sender = sender;
        this.links = links;
        this.defaultFrom = defaultFrom;
    }

    @Override
    public String unavailable() {
        return sender == null ? UNAVAILABLE : null;
    }

    @Override
    public void send(Notice notice) throws DeliveryException {
        if (sender == null) {
            throw new DeliveryException(UNAVAILABLE, false);
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(spec.from() != null ? spec.from() : defaultFrom);
        mail.setTo(spec.to().toArray(String[]::new));
        mail.setSubject(NoticeText.subject(notice));
        mail.setText(NoticeText.body(notice, links));
        try {
            sender.send(mail);
        } catch (MailException e) {
            String why = e.getMostSpecificCause().getMessage();
            throw new DeliveryException("the SMTP server refused or could not be reached: "
                    + (why == null ? e.getClass().getSimpleName() : why.replaceAll("\\s+", " ")), true);
        }
    }
}
