import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';
import type { ReactNode } from 'react';
import { translate } from '~/i18n/translate';
import type { Locale } from '~/i18n/types';

/** An email's language: the pages' own (its copy is in app/i18n/messages/emails.ts). */
export type EmailLocale = Locale;

export function EmailLayout(props: {
  locale: EmailLocale;
  preview: string;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <Html lang={props.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={body}>
        <Container style={container}>
          <Text style={brand}>Startline</Text>
          <Section>{props.children}</Section>
          <Hr style={rule} />
          {props.footer}
          <Text style={footer}>{translate(props.locale, 'email.layout.footer')}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export const emailStyles = {
  heading: { fontSize: '20px', fontWeight: 700, margin: '16px 0 8px', color: '#111827' },
  paragraph: { fontSize: '15px', lineHeight: '1.7', color: '#1f2937', margin: '12px 0' },
  code: {
    fontSize: '28px',
    letterSpacing: '6px',
    fontWeight: 700,
    fontFamily: 'ui-monospace, Menlo, monospace',
    background: '#f3f4f6',
    padding: '12px 16px',
    borderRadius: '8px',
    display: 'inline-block',
  },
  button: {
    background: '#b91c1c',
    color: '#ffffff',
    padding: '12px 20px',
    borderRadius: '8px',
    fontWeight: 700,
    textDecoration: 'none',
    display: 'inline-block',
  },
  small: { fontSize: '13px', lineHeight: '1.6', color: '#4b5563' },
};

const body = {
  backgroundColor: '#f9fafb',
  fontFamily:
    "'Hiragino Kaku Gothic ProN', 'Hiragino Sans', Meiryo, 'Noto Sans JP', system-ui, sans-serif",
  margin: 0,
  padding: '24px 0',
};
const container = {
  backgroundColor: '#ffffff',
  maxWidth: '560px',
  margin: '0 auto',
  padding: '24px 28px',
  borderRadius: '12px',
};
const brand = { fontSize: '14px', fontWeight: 700, color: '#b91c1c', letterSpacing: '1px' };
const rule = { borderColor: '#e5e7eb', margin: '24px 0 12px' };
const footer = { fontSize: '12px', lineHeight: '1.6', color: '#6b7280' };
